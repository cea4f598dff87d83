using System.Text.Json.Nodes;
using NanoLsp.Driver;
using NanoLsp.Tests.Features.E2E;

namespace NanoLsp.Tests.E2E;

/// <summary>
/// Privacy: with the default settings (no remote backend) the server opens no network socket. After a whole session
/// (workspace load, diagnostics, the model, inline completions), every socket the server process and its children
/// hold is looked up in the kernel's tables: a TCP, UDP or raw one fails the test; unix sockets (the MSBuild build
/// host's pipes) and pipes are fine. Linux only (/proc).
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class NoNetworkTests
{
    [Fact]
    public async Task WithDefaultSettingsTheServerOpensNoNetworkSocket()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc is how it looks; other systems have no such view
        var server = new InlineCompletionServer();
        await server.InitializeAsync();
        try
        {
            await ScanAsync(server);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task ScanAsync(InlineCompletionServer server)
    {
        for (int i = 0; i < 3; i++)
        {
            var (_, report) = await server.CompleteAsync("namespace ProjectFixture;\n\npublic class ShelfUser\n{\n    public int Measure(Shelf shelf) => shelf.$$\n}\n");
            Assert.Equal("model", report.GetProperty("source").GetString());
        }
        await server.Client.RequestAsync("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(server.User) },
            ["position"] = Workbench.Position(4, 40),
        });

        var processes = Descendants(server.Client.ProcessId).Prepend(server.Client.ProcessId).ToList();
        var network = NetworkSocketInodes(server.Client.ProcessId);
        var found = new List<string>();
        foreach (int pid in processes)
        {
            foreach (var (fd, inode) in SocketInodes(pid))
            {
                if (network.TryGetValue(inode, out string? table))
                    found.Add($"pid {pid} fd {fd}: a {table} socket (inode {inode})");
            }
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void TheScanFindsATcpSocketWhereThereIsOne()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var network = NetworkSocketInodes(Environment.ProcessId);
        Assert.Contains(SocketInodes(Environment.ProcessId), s => network.TryGetValue(s.Inode, out var table) && table.StartsWith("tcp", StringComparison.Ordinal));
    }

    /// <summary>The inodes of the sockets a process holds (/proc/PID/fd links that read socket:[INODE]).</summary>
    private static List<(string Fd, long Inode)> SocketInodes(int pid)
    {
        var result = new List<(string, long)>();
        string fdDirectory = $"/proc/{pid}/fd";
        if (!Directory.Exists(fdDirectory)) return result;
        foreach (string fd in Directory.EnumerateFileSystemEntries(fdDirectory))
        {
            string? target = null;
            try { target = new FileInfo(fd).LinkTarget; } catch (IOException) { /* closed meanwhile */ }
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                result.Add((Path.GetFileName(fd), long.Parse(target["socket:[".Length..^1])));
        }
        return result;
    }

    /// <summary>Every TCP, UDP and raw socket of the process's network namespace: inode -> table.</summary>
    private static Dictionary<long, string> NetworkSocketInodes(int pid)
    {
        var inodes = new Dictionary<long, string>();
        foreach (string table in new[] { "tcp", "tcp6", "udp", "udp6", "raw", "raw6" })
        {
            string path = $"/proc/{pid}/net/{table}";
            if (!File.Exists(path)) continue;
            foreach (string line in File.ReadLines(path).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && long.TryParse(fields[9], out long inode) && inode != 0) inodes.TryAdd(inode, table);
            }
        }
        return inodes;
    }

    /// <summary>The process's descendants, from each process's parent id in /proc/PID/stat.</summary>
    private static IEnumerable<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid)) continue;
            try
            {
                string stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var after = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(after[1]);
            }
            catch (IOException) { /* gone */ }
        }
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
        {
            int parent = queue.Dequeue();
            foreach (var (pid, ppid) in parents)
                if (ppid == parent) { found.Add(pid); queue.Enqueue(pid); }
        }
        return found;
    }
}
