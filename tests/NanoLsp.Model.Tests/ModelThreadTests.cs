using System.Diagnostics;

namespace NanoLsp.Model.Tests;

/// <summary>
/// A null dereference stays a NullReferenceException after the model has run, on the pool and on the model's own
/// thread. Before the model had its own thread (with a larger signal stack), on this project's machines (Intel
/// CPUs with AMX) the first NullReferenceException on a thread that had run the shipped model killed the process
/// with SIGSEGV (exit 139; docs/architecture.md, "Threading and cancellation"). The check runs in a child process
/// (`NanoLsp.Model.Bench --fault-probe`), as the server is one: inside the test host the crash did not reproduce.
/// On a CPU without that state it passes either way.
/// </summary>
public sealed class ModelThreadTests
{
    [Fact]
    public async Task NullDereferencesStayExceptionsAfterTheShippedModelRuns()
    {
        string bench = Path.Combine(AppContext.BaseDirectory.Replace(Path.Combine("tests", "NanoLsp.Model.Tests"), Path.Combine("tools", "NanoLsp.Model.Bench")), "NanoLsp.Model.Bench.dll");
        Assert.True(File.Exists(bench), $"{bench} is not built (the solution builds it)");
        var start = new ProcessStartInfo("dotnet", [bench, ModelLocator.Locate(), "--fault-probe"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var probe = Process.Start(start)!;
        var stdout = probe.StandardOutput.ReadToEndAsync();
        var stderr = probe.StandardError.ReadToEndAsync();
        await probe.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        string output = await stdout + await stderr;
        Assert.True(probe.ExitCode == 0, $"exit code {probe.ExitCode}: {output}");
        Assert.Contains("thread pool: 200 of 200 null dereferences caught", output);
        Assert.Contains("model thread: 1 of 1 caught", output);
        Assert.Contains("the model still runs", output);
    }

    [Fact]
    public async Task WorkRunsInOrderOnOneThreadAndFailuresReachTheCaller()
    {
        using var thread = new ModelThread("test model");
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => thread.RunAsync(() => Environment.CurrentManagedThreadId)));
        Assert.Single(ids.Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, ids[0]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => thread.RunAsync<int>(() => throw new InvalidOperationException("boom")));
        Assert.Equal(ids[0], await thread.RunAsync(() => Environment.CurrentManagedThreadId));
    }
}
