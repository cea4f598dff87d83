using NanoLsp.Driver;

// NanoLsp.Driver: an LSP client that starts the real server over stdio.
//   demo <folder>                       diagnostics, hover, completion and code actions, readable
//   bench <folder> [--runs N] [--file F] [--no-analyzers] latency percentiles and peak memory
//   bench-features <folder> [--runs N] [--file F]  hover, code action and completion latencies (FeatureBench)
// The server is found with ServerLocator ($NANOLSP_SERVER overrides).

const string Usage = """
    Usage:
      NanoLsp.Driver demo <folder>
      NanoLsp.Driver bench <folder> [--runs N] [--file path/to/File.cs] [--no-analyzers]
      NanoLsp.Driver bench-features <folder> [--runs N] [--file path/to/File.cs]
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
            for (var i = 0; i < options.Length; i++)
            {
                if (options[i] == "--runs" && i + 1 < options.Length && int.TryParse(options[i + 1], out var n) && n > 0)
                    runs = n;
                else if (options[i] == "--file" && i + 1 < options.Length)
                    file = options[i + 1];
                else if (options[i] == "--no-analyzers")
                {
                    analyzers = false;
                    continue;
                }
                else
                    throw new ArgumentException($"Unknown bench option '{options[i]}'.");
                i++;
            }
            return command == "bench"
                ? await Bench.RunAsync(RequireFolder(folder), runs, file, analyzers)
                : await FeatureBench.RunAsync(RequireFolder(folder), runs, file);
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

static string RequireFolder(string folder) =>
    Directory.Exists(folder) ? folder : throw new DirectoryNotFoundException($"No folder {folder}.");
