namespace NanoLsp.Tests.Server;

/// <summary>A folder of the system's temporary folder for one test class, deleted with it.</summary>
internal sealed class TemporaryFolder(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
