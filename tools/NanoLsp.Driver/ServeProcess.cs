using System.Diagnostics;
using System.Text;

namespace NanoLsp.Driver;

/// <summary>
/// A real <c>nanolsp-serve</c> process on a free loopback port (<c>--http 127.0.0.1:0</c>): started, its address read
/// from the one line it prints on stdout, its stderr kept for assertions, killed on dispose. The serve tests, the
/// language server's remote-backend tests and the serve load benchmark all start it through here.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr; // filled by the process's stderr reader from its start

    private ServeProcess(Process process, Uri address, StringBuilder stderr) => (_process, BaseAddress, _stderr) = (process, address, stderr);

    /// <summary>http://127.0.0.1:PORT/ (no path); the API is under v1/.</summary>
    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    /// <summary>Starts the server with <paramref name="arguments"/> (besides --http) and the given environment
    /// variables (null removes one); fails with its stderr when it exits or prints no address in time.</summary>
    public static async Task<ServeProcess> StartAsync(IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet", [Locate(), "--http", "127.0.0.1:0", .. arguments ?? []])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NANOLSP_SERVE_API_KEY"] = null; // a key in the caller's environment must not leak into a test
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nanolsp-serve.");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        var addressLine = process.StandardOutput.ReadLineAsync();
        var finished = await Task.WhenAny(addressLine, Task.Delay(timeout ?? TimeSpan.FromSeconds(60)));
        string? line = finished == addressLine ? await addressLine : null;
        if (line is null || !line.StartsWith("listening on ", StringComparison.Ordinal))
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (stderr) throw new InvalidOperationException($"nanolsp-serve did not start (exit {process.ExitCode}): {line}\n{stderr}");
        }
        var serve = new ServeProcess(process, new Uri(line["listening on ".Length..].Trim().TrimEnd('/') + "/"), stderr);
        _ = process.StandardOutput.ReadToEndAsync(); // nothing more is expected; drained so it never blocks
        return serve;
    }

    /// <summary>Runs the server with arguments that make it exit (a refused address); returns its exit code and stderr.</summary>
    public static async Task<(int ExitCode, string Stderr)> RunToExitAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet", [Locate(), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NANOLSP_SERVE_API_KEY"] = null;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nanolsp-serve.");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stderr);
    }

    /// <summary>Kills the process at once (a server dying mid-request).</summary>
    /// <summary>Kills the server and waits until it is gone (its port refuses connections then).</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    /// <summary>Peak resident memory of the process so far (VmHWM on Linux), in bytes; null elsewhere.</summary>
    public long? PeakMemoryBytes()
    {
        string status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    /// <summary>NanoLsp.Serve.dll: $NANOLSP_SERVE, else the build output of src/NanoLsp.Serve beside this assembly's configuration.</summary>
    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable("NANOLSP_SERVE") is { Length: > 0 } fromEnvironment)
            return File.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment)
                : throw new FileNotFoundException($"NANOLSP_SERVE points at {fromEnvironment}, which does not exist.");
        var baseDirectory = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var tfm = Path.GetFileName(baseDirectory);
        var configuration = Path.GetFileName(Path.GetDirectoryName(baseDirectory)!);
        var candidates = new[] { configuration, "Release", "Debug" }.Distinct()
            .Select(c => Path.Combine(ServerLocator.RepositoryRoot(), "src", "NanoLsp.Serve", "bin", c, tfm, "NanoLsp.Serve.dll"))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"nanolsp-serve is not built (looked for {string.Join(", ", candidates)}). Build NanoLsp.sln or set NANOLSP_SERVE.");
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
