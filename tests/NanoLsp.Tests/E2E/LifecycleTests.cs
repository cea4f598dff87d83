using System.Diagnostics;
using System.Text.Json.Nodes;
using NanoLsp.Driver;

namespace NanoLsp.Tests.E2E;

[Collection(ServerProcessCollection.Name)]
public sealed class LifecycleTests
{
    private static JsonObject Document(string path) => new() { ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(path) } };

    [Fact]
    public async Task RequestBeforeInitializeGetsServerNotInitializedThenShutdownExitsWithZero()
    {
        await using var client = LspClient.Start();
        var early = await Assert.ThrowsAsync<LspResponseException>(() => client.RequestAsync("textDocument/diagnostic", Document(Path.Combine(Fixtures.Path("LooseFiles"), "Script.cs"))));
        Assert.Equal(-32002, early.Code);
        var result = await client.InitializeAsync(Fixtures.Path("LooseFiles"));
        Assert.Equal(2, result.GetProperty("capabilities").GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        var again = await Assert.ThrowsAsync<LspResponseException>(() => client.InitializeAsync(Fixtures.Path("LooseFiles")));
        Assert.Equal(-32600, again.Code);
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task ExitWithoutShutdownExitsWithOne()
    {
        await using var client = LspClient.Start();
        await client.NotifyAsync("exit", null);
        var exited = await WaitForExitAsync(client);
        Assert.True(exited, "the server did not exit");
        Assert.Equal(1, client.ExitCode);
    }

    [Fact]
    public async Task ExitDuringTheWorkspaceLoadEndsTheProcessPromptly()
    {
        await using var client = LspClient.Start();
        await client.InitializeAsync(Fixtures.Path("ProjectFixture"));
        await client.NotifyAsync("exit", null);
        Assert.True(await WaitForExitAsync(client), "the server did not exit");
        Assert.Equal(1, client.ExitCode);
    }

    [Fact]
    public async Task CancelRequestAnswersRequestCancelled()
    {
        await using var client = LspClient.Start();
        await client.InitializeAsync(Fixtures.Path("ProjectFixture"));
        // The workspace load (seconds) holds the queue, so this request is still waiting when cancelled.
        var (id, response) = await client.SendRequestAsync("textDocument/diagnostic", Document(Path.Combine(Fixtures.Path("ProjectFixture"), "Counter.cs")));
        await client.CancelAsync(id);
        var error = await Assert.ThrowsAsync<LspResponseException>(() => response.WaitAsync(Lsp.LoadTimeout));
        Assert.Equal(-32800, error.Code);
        // The server goes on: the same request, not cancelled, is answered.
        var full = await client.RequestAsync("textDocument/diagnostic", Document(Path.Combine(Fixtures.Path("ProjectFixture"), "Counter.cs"))).WaitAsync(Lsp.LoadTimeout);
        Assert.Equal("full", full.GetProperty("kind").GetString());
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Theory]
    [InlineData("--bogus", 2, "unknown argument")]
    [InlineData("", 2, "--stdio")]
    [InlineData("--version", 0, "")]
    public async Task CommandLineIsCheckedWithClearErrors(string argument, int exitCode, string stderrContains)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerLocator.Find());
        if (argument.Length > 0)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(exitCode, process.ExitCode);
        Assert.Contains(stderrContains, await stderr, StringComparison.OrdinalIgnoreCase);
        if (argument == "--version")
            Assert.StartsWith("NanoLsp ", await stdout);
    }

    private static async Task<bool> WaitForExitAsync(LspClient client)
    {
        for (var i = 0; i < 600 && !client.HasExited; i++)
            await Task.Delay(50);
        return client.HasExited;
    }
}
