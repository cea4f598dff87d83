using NanoLsp.Driver;

// NanoLsp.Driver: an LSP client that starts the real server over stdio.
//   demo <folder>                       diagnostics, hover, completion and code actions, readable
//   bench <folder> [--runs N] [--file F] [--no-analyzers] latency percentiles and peak memory
//   bench-features <folder> [--runs N] [--file F]  hover, code action and completion latencies (FeatureBench)
//   load <folder> [--files N] [--reload] opens a repository as a new user would: projects loaded/failed, time, memory, answers (LoadBench); then hovers while it reloads
//   typing [folder] [--lines N] [--seed S] [--file F] [--other-document F]  re-types real lines keystroke by keystroke with inline completions (TypingBench)
//   soak <folder> [--keystrokes N] [--files F] [--seed S]  a long typing session: memory and p95 per 1,000 keystrokes (SoakBench)
//   clicks <folder> [--clicks N] [--rounds R] [--pause-ms P] [--seed S]  the server's CPU per caret move, the model's read-ahead on and off (ClickBench)
//   fuzz [folder] [--messages N] [--seed S] [--session-messages M] [--minutes T]  generated LSP traffic, good and bad (Fuzz/FuzzBench)
//   transport [--baseline OLD/NanoLsp.dll] [--requests N] [--rounds R]  JSON-RPC round trips and throughput alone (TransportBench)
//   serve-bench [--clients N] [--requests N] [--seconds S] [--parallel P] [--queue Q] [--max-tokens T]  nanolsp-serve under load (ServeBench)
// The server is found with ServerLocator ($NANOLSP_SERVER overrides).

const string Usage = """
    Usage:
      NanoLsp.Driver demo <folder>
      NanoLsp.Driver bench <folder> [--runs N] [--file path/to/File.cs] [--no-analyzers] [--after-load] [--settings '{"nanolsp": {...}}'] [--slow MS] [--peer EXECUTABLE] [--without-item-defaults]
      NanoLsp.Driver bench-features <folder> [--runs N] [--file path/to/File.cs]
      NanoLsp.Driver load <folder> [more folders: a multi-root workspace] [--files N (4)] [--reload (then change the main project file on disk: hovers while it reloads; use a copy)]
      NanoLsp.Driver typing [folder (default samples/Inventory)] [--lines N (12)] [--seed S (1)] [--file path/to/File.cs] [--settings '{"nanolsp": {...}}'] [--other-document path/to/Other.cs] [--keystrokes-out keys.jsonl] [--memory-wait S (90; 0 for a server without a repository memory)] [--with-lists] [--read-ms MS (0: a pause after each file opens)] [--pull-diagnostics (as VS Code: every provider after each change)] [--key-ms MS (0: the least time between keystrokes)] [--code-actions (as VS Code's lightbulb: a code action request where each line's typing starts)]
      NanoLsp.Driver soak <folder> [--keystrokes N (10000)] [--files F (6)] [--seed S (1)] [--sample-every K (1000)] [--settings '{"nanolsp": {...}}'] [--pull-diagnostics]
      NanoLsp.Driver clicks <folder> [--clicks N (60)] [--rounds R (2)] [--pause-ms P (400)] [--seed S (1)] [--only-highlights | --only-code-actions]
      NanoLsp.Driver fuzz [folder (default samples/Inventory)] [--messages N (100000)] [--seed S (1)] [--session-messages M (10000)] [--minutes T (120)]
      NanoLsp.Driver transport [--baseline path/to/other/NanoLsp.dll] [--requests N (2000)] [--rounds R (3)]
      NanoLsp.Driver serve-bench [--clients N (8)] [--requests N (200)] [--seconds S (120)] [--parallel P (1)] [--queue Q (4)] [--max-tokens T (16)]
    """;

try
{
    switch (args)
    {
        case ["demo", var folder]:
            return await Demo.RunAsync(RequireFolder(folder));
        case [var command and ("bench" or "bench-features"), var folder, .. var options]:
            var runs = 30;
            string? file = null;
            var analyzers = true;
            var afterLoad = false;
            string? benchSettings = null;
            double? slowMs = null;
            string? peer = null;
            var itemDefaults = true;
            for (var i = 0; i < options.Length; i++)
            {
                if (options[i] == "--after-load")
                {
                    afterLoad = true;
                    continue;
                }
                if (options[i] == "--runs" && i + 1 < options.Length && int.TryParse(options[i + 1], out var n) && n > 0)
                    runs = n;
                else if (options[i] == "--file" && i + 1 < options.Length)
                    file = options[i + 1];
                else if (options[i] == "--settings" && i + 1 < options.Length)
                    benchSettings = options[i + 1];
                else if (options[i] == "--slow" && i + 1 < options.Length && double.TryParse(options[i + 1], out var slow))
                    slowMs = slow;
                else if (options[i] == "--peer" && i + 1 < options.Length)
                    peer = options[i + 1];
                else if (options[i] == "--no-analyzers")
                {
                    analyzers = false;
                    continue;
                }
                else if (options[i] == "--without-item-defaults")
                {
                    itemDefaults = false;
                    continue;
                }
                else
                    throw new ArgumentException($"Unknown bench option '{options[i]}'.");
                i++;
            }
            return command == "bench"
                ? await Bench.RunAsync(RequireFolder(folder), runs, file, analyzers, afterLoad, benchSettings, slowMs, peer, itemDefaults)
                : await FeatureBench.RunAsync(RequireFolder(folder), runs, file);
        case ["load", .. var loadArgs] when loadArgs.Length > 0:
        {
            var fileCount = 4;
            var reload = false;
            var loadFolders = new List<string>();
            for (var i = 0; i < loadArgs.Length; i++)
            {
                if (loadArgs[i] == "--files" && i + 1 < loadArgs.Length && int.TryParse(loadArgs[i + 1], out var n) && n > 0)
                    fileCount = n;
                else if (loadArgs[i] == "--reload")
                {
                    reload = true;
                    continue;
                }
                else if (!loadArgs[i].StartsWith("--", StringComparison.Ordinal))
                {
                    loadFolders.Add(RequireFolder(loadArgs[i]));
                    continue;
                }
                else
                    throw new ArgumentException($"Unknown load option '{loadArgs[i]}'.");
                i++;
            }
            return await LoadBench.RunAsync(loadFolders, fileCount, reload);
        }
        case ["typing", .. var rest]:
        {
            var folder = rest.Length > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal) ? rest[0]
                : Path.Combine(ServerLocator.RepositoryRoot(), "samples", "Inventory");
            int lines = 12, seed = 1, memoryWait = 90, readMs = 0, keyMs = 0;
            string? typedFile = null, settings = null, other = null, keystrokesOut = null;
            var withLists = false;
            var pullDiagnostics = false;
            var codeActions = false;
            for (var i = folder == (rest.Length > 0 ? rest[0] : null) ? 1 : 0; i < rest.Length; i++)
            {
                if (rest[i] == "--lines" && i + 1 < rest.Length && int.TryParse(rest[i + 1], out var n) && n > 0)
                    lines = n;
                else if (rest[i] == "--seed" && i + 1 < rest.Length && int.TryParse(rest[i + 1], out var s))
                    seed = s;
                else if (rest[i] == "--file" && i + 1 < rest.Length)
                    typedFile = rest[i + 1];
                else if (rest[i] == "--settings" && i + 1 < rest.Length)
                    settings = rest[i + 1];
                else if (rest[i] == "--other-document" && i + 1 < rest.Length)
                    other = Path.GetFullPath(rest[i + 1]);
                else if (rest[i] == "--keystrokes-out" && i + 1 < rest.Length)
                    keystrokesOut = rest[i + 1];
                else if (rest[i] == "--with-lists")
                {
                    withLists = true;
                    continue;
                }
                else if (rest[i] == "--pull-diagnostics")
                {
                    pullDiagnostics = true;
                    continue;
                }
                else if (rest[i] == "--code-actions")
                {
                    codeActions = true;
                    continue;
                }
                else if (rest[i] == "--memory-wait" && i + 1 < rest.Length && int.TryParse(rest[i + 1], out var wait) && wait >= 0)
                    memoryWait = wait;
                else if (rest[i] == "--read-ms" && i + 1 < rest.Length && int.TryParse(rest[i + 1], out var read) && read >= 0)
                    readMs = read;
                else if (rest[i] == "--key-ms" && i + 1 < rest.Length && int.TryParse(rest[i + 1], out var key) && key >= 0)
                    keyMs = key;
                else
                    throw new ArgumentException($"Unknown typing option '{rest[i]}'.");
                i++;
            }
            return await TypingBench.RunAsync(RequireFolder(folder), lines, seed, typedFile, settings, other, keystrokesOut, memoryWait, withLists, readMs, pullDiagnostics, keyMs, codeActions);
        }
        case ["clicks", var folder, .. var rest]:
        {
            int clicks = 60, rounds = 2, pause = 400, seed = 1;
            bool highlights = true, codeActions = true;
            for (var i = 0; i < rest.Length; i += 2)
            {
                if (rest[i] is "--only-highlights" or "--only-code-actions")
                {
                    (highlights, codeActions) = (rest[i] == "--only-highlights", rest[i] == "--only-code-actions");
                    i--; // no value
                    continue;
                }
                var value = PositiveValue(rest, i, "Clicks");
                _ = rest[i] switch
                {
                    "--clicks" => clicks = value,
                    "--rounds" => rounds = value,
                    "--pause-ms" => pause = value,
                    "--seed" => seed = value,
                    _ => throw new ArgumentException($"Unknown clicks option '{rest[i]}'."),
                };
            }
            return await ClickBench.RunAsync(RequireFolder(folder), clicks, rounds, pause, seed, highlights, codeActions);
        }
        case ["soak", var folder, .. var rest]:
        {
            int keystrokes = 10_000, files = 6, seed = 1, sample = 1000;
            string? soakSettings = null;
            var soakPulls = false;
            for (var i = 0; i < rest.Length; i += 2)
            {
                if (rest[i] == "--settings" && i + 1 < rest.Length)
                {
                    soakSettings = rest[i + 1];
                    continue;
                }
                if (rest[i] == "--pull-diagnostics")
                {
                    soakPulls = true;
                    i--; // no value
                    continue;
                }
                var value = PositiveValue(rest, i, "Soak");
                _ = rest[i] switch
                {
                    "--keystrokes" => keystrokes = value,
                    "--files" => files = value,
                    "--seed" => seed = value,
                    "--sample-every" => sample = value,
                    _ => throw new ArgumentException($"Unknown soak option '{rest[i]}'."),
                };
            }
            return await SoakBench.RunAsync(RequireFolder(folder), keystrokes, files, seed, sample, soakSettings, soakPulls);
        }
        case ["fuzz", .. var rest]:
        {
            var folder = rest.Length > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal) ? rest[0]
                : Path.Combine(ServerLocator.RepositoryRoot(), "samples", "Inventory");
            var options = new NanoLsp.Driver.Fuzz.FuzzBench.Options();
            for (var i = folder == (rest.Length > 0 ? rest[0] : null) ? 1 : 0; i < rest.Length; i += 2)
            {
                var value = i + 1 < rest.Length && int.TryParse(rest[i + 1], out var n) && n > 0 ? n
                    : throw new ArgumentException($"Fuzz option '{rest[i]}' needs a positive number.");
                options = rest[i] switch
                {
                    "--messages" => options with { Messages = value },
                    "--seed" => options with { Seed = value },
                    "--session-messages" => options with { SessionMessages = value },
                    "--minutes" => options with { Limit = TimeSpan.FromMinutes(value) },
                    _ => throw new ArgumentException($"Unknown fuzz option '{rest[i]}'."),
                };
            }
            return await NanoLsp.Driver.Fuzz.FuzzBench.RunAsync(RequireFolder(folder), options);
        }
        case ["transport", .. var options]:
        {
            string? baseline = null;
            int requests = 2000, rounds = 3;
            for (var i = 0; i < options.Length; i++)
            {
                if (options[i] == "--baseline" && i + 1 < options.Length)
                    baseline = options[i + 1];
                else if (options[i] == "--requests" && i + 1 < options.Length && int.TryParse(options[i + 1], out var n) && n > 0)
                    requests = n;
                else if (options[i] == "--rounds" && i + 1 < options.Length && int.TryParse(options[i + 1], out var r) && r > 0)
                    rounds = r;
                else
                    throw new ArgumentException($"Unknown transport option '{options[i]}'.");
                i++;
            }
            return await TransportBench.RunAsync(baseline, requests, rounds);
        }
        case ["serve-bench", .. var options]:
        {
            var bench = new ServeBench.Options();
            for (var i = 0; i < options.Length; i += 2)
            {
                if (i + 1 >= options.Length || !int.TryParse(options[i + 1], out var n) || n < 0)
                    throw new ArgumentException($"serve-bench option '{options[i]}' needs a whole number.");
                bench = options[i] switch
                {
                    "--clients" when n > 0 => bench with { Clients = n },
                    "--requests" when n > 0 => bench with { Requests = n },
                    "--seconds" when n > 0 => bench with { Seconds = n },
                    "--parallel" when n > 0 => bench with { Parallel = n },
                    "--queue" => bench with { Queue = n },
                    "--max-tokens" when n > 0 => bench with { MaxTokens = n },
                    _ => throw new ArgumentException($"Unknown or out-of-range serve-bench option '{options[i]} {options[i + 1]}'."),
                };
            }
            return await ServeBench.RunAsync(bench);
        }
        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException)
{
    Console.Error.WriteLine($"NanoLsp.Driver: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}

/// <summary>The positive whole number after option <paramref name="i"/> of a command's options.</summary>
static int PositiveValue(string[] options, int i, string command) =>
    i + 1 < options.Length && int.TryParse(options[i + 1], out var n) && n > 0 ? n
        : throw new ArgumentException($"{command} option '{options[i]}' needs a positive number.");

static string RequireFolder(string folder) =>
    Directory.Exists(folder) ? folder : throw new DirectoryNotFoundException($"No folder {folder}.");
