using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Logging;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.Completion;

/// <summary>
/// Asks Roslyn for a completion list once, on a scratch document, after the first diagnostics: the first list of
/// a process made Roslyn's completion providers (MEF parts shared by every workspace of the process) and compiled
/// their code: on samples/Inventory (dev build, three rounds) the user's first list took 515-557 ms after open and
/// 365-393 ms after the load, warmed 134-154 and 94-110 ms. The scratch project takes the framework's
/// shared metadata (<see cref="LooseProjects.FrameworkReferences"/>), so the symbols it reads are the ones the
/// provisional and loose projects use.
/// </summary>
public sealed class CompletionWarmUp(ILog logger) : IStartsAfterInitialized
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;

        namespace WarmUp;

        public sealed class Order
        {
            private readonly Dictionary<string, int> _lines = new();

            public int Count() => _lines.Keys.Where(line => line.Length > 0).Select(line => line.Trim()).Count();

            public void Add(string line)
            {
                _lines.
            }
        }
        """;

    public void Start(ServerSettings settings) => _ = Task.Run(RunAsync);

    /// <summary>The warm-up itself; the number of items the scratch list had (0 when it failed: it never throws).</summary>
    public async Task<int> RunAsync()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Create(), "WarmUp", "WarmUp", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                metadataReferences: LooseProjects.FrameworkReferences.Value));
            var document = workspace.AddDocument(project.Id, "WarmUp.cs", SourceText.From(Source));
            if (CompletionService.GetService(document) is not { } service)
                return 0;
            var list = await service.GetCompletionsAsync(document, Source.IndexOf("_lines.\n", StringComparison.Ordinal) + "_lines.".Length).ConfigureAwait(false);
            if (list.ItemsList.Count > 0)
                await service.GetDescriptionAsync(document, list.ItemsList[0]).ConfigureAwait(false);
            logger.Debug($"Completion warmed up in {watch.ElapsedMilliseconds} ms ({list.ItemsList.Count} items).");
            return list.ItemsList.Count;
        }
        catch (Exception e)
        {
            logger.Debug($"Completion warm-up failed (harmless: the first list is slower): {e.Message}");
            return 0;
        }
    }
}
