namespace NanoLsp.Tests.E2E;

/// <summary>
/// Where the end-to-end tests write (fixture copies the server restores into, model copies, eval outputs): one folder
/// per test process, removed when the process exits. A run left about 70 MB of them behind before, 38 MB of it
/// per model copy; `scripts/test.sh` also gives each run its own TMPDIR, this keeps a plain `dotnet test` clean too.
/// </summary>
internal static class ScratchFolder
{
    private static readonly string Root = CreateRoot();

    /// <summary>A new folder named after <paramref name="name"/> (kept short: MSBuild's paths grow under it).</summary>
    public static string Create(string name) => Directory.CreateDirectory(PathFor(name)).FullName;

    /// <summary>A new path named after <paramref name="name"/>, not created.</summary>
    public static string PathFor(string name) => Path.Combine(Root, $"{name}-{Guid.NewGuid():N}"[..Math.Max(24, name.Length + 9)]);

    private static string CreateRoot()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nanolsp-e2e", $"run-{Environment.ProcessId}")).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file still held open: the next run's TMPDIR (scripts/test.sh) or the system's cleaning takes it.
            }
        };
        return root;
    }
}
