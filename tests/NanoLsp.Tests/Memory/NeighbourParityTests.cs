using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Memory;
using NanoLsp.Tests.Assist;
using NanoLsp.Tests.E2E;

namespace NanoLsp.Tests.Memory;

/// <summary>
/// The training prompts' neighbour windows (training/neighbours.py) and the server's channel 3
/// (RepositoryNeighbourSource) must agree, or the next model learns from prompts the server never builds.
/// Both sides are checked against the same expected headers, tests/fixtures/neighbours/cases.json (the
/// Python side: training/test_neighbours.py, run by the training smoke test).
/// </summary>
public class NeighbourParityTests
{
    private sealed record Case(string File, int Line, string Header);

    [Fact]
    public async Task TheServerRetrievesTheWindowsTheTrainingPromptsHave()
    {
        string dir = Fixtures.Path("neighbours");
        string repo = Path.Combine(dir, "repo");
        var files = Directory.GetFiles(repo, "*.cs", SearchOption.AllDirectories)
            .Select(f => (Name: Path.GetRelativePath(repo, f).Replace(Path.DirectorySeparatorChar, '/'), Markup: File.ReadAllText(f)))
            .OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        var (any, _) = AssistWorkspace.Create(files);
        var solution = any.Project.Solution;
        var memory = new RepositoryMemory();
        // AssistWorkspace puts the files under this root; paths relative to it are what both sides print.
        string root = Path.Combine(Path.GetTempPath(), "nanolsp-assist");
        await memory.BuildAsync(solution, [root], AssistWorkspace.Tokenizer, null, CancellationToken.None);
        var cases = JsonSerializer.Deserialize<List<Case>>(File.ReadAllText(Path.Combine(dir, "cases.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.True(cases.Count(c => c.Header.Length > 0) >= 5, "the fixture's cases retrieve windows");

        foreach (var c in cases)
        {
            var document = solution.Projects.Single().Documents.Single(d => d.Name == c.File);
            var text = await document.GetTextAsync();
            int position = text.Lines[c.Line].Start;
            // A fresh source per case: the source keeps the last header while the cursor stays on its line.
            string header = await new RepositoryNeighbourSource(memory).GetAsync(document, position, new TextSpan(0, 0),
                AssistWorkspace.Tokenizer, budgetTokens: 4096, CancellationToken.None);
            Assert.True(c.Header == header, $"{c.File}:{c.Line}\nexpected:\n{c.Header}\nserver:\n{header}");
        }
    }
}
