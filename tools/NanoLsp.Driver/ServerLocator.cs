namespace NanoLsp.Driver;

/// <summary>Finds the server to start: $NANOLSP_SERVER, else the build output of src/NanoLsp in this checkout.</summary>
public static class ServerLocator
{
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("NANOLSP_SERVER") is { Length: > 0 } fromEnvironment)
        {
            if (!File.Exists(fromEnvironment))
                throw new FileNotFoundException($"NANOLSP_SERVER points at {fromEnvironment}, which does not exist.");
            return Path.GetFullPath(fromEnvironment);
        }
        // The driver (and the test assembly) live in <project>/bin/<Configuration>/<tfm>/; the server's
        // own output folder has its runtimeconfig and deps files, so it is started from there.
        var baseDirectory = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var tfm = Path.GetFileName(baseDirectory);
        var configuration = Path.GetFileName(Path.GetDirectoryName(baseDirectory)!);
        var root = RepositoryRoot();
        var candidates = new[] { configuration, "Release", "Debug" }.Distinct()
            .Select(c => Path.Combine(root, "src", "NanoLsp", "bin", c, tfm, "NanoLsp.dll"))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"The server is not built (looked for {string.Join(", ", candidates)}). Build NanoLsp.sln or set NANOLSP_SERVER.");
    }

    /// <summary>The folder holding NanoLsp.sln, found upwards from the running assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NanoLsp.sln")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException($"No NanoLsp.sln above {AppContext.BaseDirectory}.");
    }
}
