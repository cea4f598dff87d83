namespace NanoLsp.Model;

/// <summary>
/// Finds the default model folder (<c>models/nano-csharp</c>) wherever the server runs from:
/// an installed extension, a build output folder, or a test run inside the repository.
/// </summary>
public static class ModelLocator
{
    public const string EnvironmentVariable = "NANOLSP_MODEL_DIR";
    public const string DefaultRelativePath = "models/nano-csharp";

    /// <summary>
    /// Order: the explicit setting, then <c>NANOLSP_MODEL_DIR</c>, then <c>models/nano-csharp</c>
    /// next to the running assembly, then the first ancestor of it that holds one. An explicit
    /// directory or variable that is wrong is an error, not a reason to fall through: the user asked for it.
    /// </summary>
    public static string Locate(string? explicitDirectory = null, string? baseDirectory = null, string? environmentValue = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
            return RequireManifest(explicitDirectory, "the model directory setting");

        environmentValue ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(environmentValue))
            return RequireManifest(environmentValue, EnvironmentVariable);

        string start = baseDirectory ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, DefaultRelativePath);
            if (File.Exists(Path.Combine(candidate, ModelManifest.FileName)))
                return candidate;
        }
        throw new ModelException(
            $"No model found: set the model directory, or {EnvironmentVariable}, or place {DefaultRelativePath}/{ModelManifest.FileName} " +
            $"next to {start} or in a folder above it.");
    }

    private static string RequireManifest(string directory, string source)
    {
        string full = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(full, ModelManifest.FileName)))
            throw new ModelException($"{source} points to {full}, which has no {ModelManifest.FileName}.");
        return full;
    }
}
