using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NanoLsp.Driver;

/// <summary>
/// What a user sees while the workspace reloads (<c>load FOLDER --reload</c>): the main project file is changed on disk
/// (a comment appended, as a saved edit or a branch switch would change it; put back afterwards) and the server told,
/// then a hover is asked every 250 ms until the reload's nanolsp/workspaceStatus. Prints the reload's time and the
/// hovers' latencies meanwhile: a server that reloads in its request queue answers the first only after the reload.
/// Run it on a copy of the repository: the project file is written twice.
/// </summary>
public static class ReloadBench
{
    public static async Task RunAsync(LspClient client, string project, string file, (int Line, int Character) position)
    {
        var original = await File.ReadAllTextAsync(project);
        var hovers = new List<double>();
        TimeSpan reload;
        try
        {
            await File.WriteAllTextAsync(project, original + "\n<!-- changed by NanoLsp.Driver load --reload -->\n");
            client.ClearMessages();
            var clock = Stopwatch.StartNew();
            await client.NotifyAsync("workspace/didChangeWatchedFiles", new JsonObject
            {
                ["changes"] = new JsonArray(new JsonObject { ["uri"] = LspClient.ToUri(project), ["type"] = 2 }),
            });
            var status = client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: TimeSpan.FromMinutes(15));
            while (!status.IsCompleted)
            {
                var watch = Stopwatch.StartNew();
                await client.RequestAsync("textDocument/hover", Workbench.TextDocumentPosition(file, position.Line, position.Character));
                hovers.Add(watch.Elapsed.TotalMilliseconds);
                await Task.WhenAny(status, Task.Delay(250));
            }
            await status;
            reload = clock.Elapsed;
        }
        finally
        {
            await File.WriteAllTextAsync(project, original);
        }
        var sorted = hovers.Order().ToList();
        Console.WriteLine($"reload          {reload.TotalSeconds,8:0.0} s (project file changed -> nanolsp/workspaceStatus); " + (hovers.Count == 0 ? "no hover meanwhile" :
            $"{hovers.Count} hover(s) meanwhile: first {hovers[0]:0} ms, p50 {sorted[sorted.Count / 2]:0} ms, max {sorted[^1]:0} ms"));
        Console.WriteLine($"peak memory     {client.PeakMemoryBytes() / (1024.0 * 1024.0),8:0} MiB (after the reload: both solutions were alive during it)");
    }
}
