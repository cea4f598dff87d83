using NanoLsp.Eval;
using NanoLsp.Features.InlineCompletion;
using NanoLsp;
using NanoLsp.Server;
using NanoLsp.Features.Lifecycle;
using NanoLsp.Model;
using NanoLsp.Workspace;

// NanoLsp's entry point: `NanoLsp --stdio` speaks LSP on stdin/stdout. stdout carries only protocol,
// so everything else (usage, errors, logs) goes to stderr; StdoutGuard makes that hold for native
// code and child processes too.

const string Usage = """
    NanoLsp — a C# language server (LSP over stdio) on Roslyn.

    Usage:
      nanolsp --stdio      serve LSP on stdin/stdout (what an editor runs)
      nanolsp eval --cases CASES.jsonl --out PREDICTIONS.jsonl [--no-context] [--no-monitors] [--no-filters] [--model DIR]
                           run inline completion on evaluation cases (docs/architecture.md); summary on stderr
      nanolsp eval-rank --cases CASES.jsonl [--model DIR] [--deadline-ms N] [--out RANKS.jsonl]
                           the completion list ranked with the model against Roslyn's order (docs/protocol.md)
      nanolsp eval-fix --cases CASES.jsonl [--per-kind N] [--model DIR] [--deadline-ms N] [--out FIXES.jsonl]
                           breaks held-out files and counts the errors Roslyn's fixes and the model's verified fixes mend
      nanolsp --version    print the version
      nanolsp --help       print this help

    `nanolsp` is the dotnet tool's command; a build runs as NanoLsp or `dotnet NanoLsp.dll`.
    Settings (nanolsp.*) and custom requests: docs/protocol.md.
    """;

// MSBuild's build hosts must not outlive this process, nor those of a server that was killed (why: Workspace/BuildHostProcesses.cs).
AppDomain.CurrentDomain.ProcessExit += (_, _) => BuildHostProcesses.EndChildren();

switch (args)
{
    case ["--stdio"]:
    {
        // Before any thread allocates natively: the C heap's settings (why: NanoLsp.Model/NativeHeap.cs).
        NativeHeap.Configure();
        NativeHeap.StartPeriodicTrim(TimeSpan.FromSeconds(15));
        _ = Task.Run(() => ReportOrphans(BuildHostProcesses.EndOrphans()));
        // Roslyn's composition (200-300 ms of CPU) while the client starts up and initializes: the first workspace,
        // made when the first folder or file arrives, then finds it ready.
        _ = Task.Run(() => RoslynHost.Services);
        var host = new LanguageServerHost(Console.OpenStandardInput(), StdoutGuard.OpenProtocolOutput(), ServerComposition.Compose);
        var exitCode = await host.RunAsync();
        // A model still loading in native code when the process exits can crash it: let it settle first.
        await host.DrainAsync(TimeSpan.FromSeconds(10));
        // exit may arrive while a long write (a workspace load) still runs: do not wait for it for long.
        await Task.WhenAny(host.DisposeAsync().AsTask(), Task.Delay(TimeSpan.FromSeconds(3)));
        return exitCode;
    }
    case ["eval", .. var evalArgs]:
        return await EvalCommand.RunAsync(evalArgs);
    case ["eval-rank", .. var rankArgs]:
        return await RankEvalCommand.RunAsync(rankArgs);
    case ["eval-fix", .. var fixArgs]:
        return await FixEvalCommand.RunAsync(fixArgs);
    case ["--version"]:
        Console.WriteLine($"NanoLsp {InitializeHandler.Version}");
        return 0;
    case ["--help"] or ["-h"]:
        Console.WriteLine(Usage);
        return 0;
    case []:
        Console.Error.WriteLine("NanoLsp: no command. Editors start it with --stdio.");
        Console.Error.WriteLine(Usage);
        return 2;
    default:
        Console.Error.WriteLine($"NanoLsp: unknown argument(s): {string.Join(" ", args)}. Editors start it with --stdio.");
        Console.Error.WriteLine(Usage);
        return 2;
}

static void ReportOrphans(IReadOnlyList<int> ended)
{
    if (ended.Count > 0)
        Console.Error.WriteLine($"NanoLsp: ended {ended.Count} MSBuild build host(s) left waiting by a NanoLsp server that was killed (process {string.Join(", ", ended)}).");
}
