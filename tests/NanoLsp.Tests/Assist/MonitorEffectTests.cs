using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Assist;
using NanoLsp.Model;
using Xunit.Abstractions;

namespace NanoLsp.Tests.Assist;

/// <summary>
/// The monitor with the shipped model on every member access of samples/Inventory, cut the way the
/// eval cases are (the rest of the line removed after the dot): greedy, header on, with and without the
/// monitor. Prints the figures; asserts what the monitor guarantees.
/// </summary>
public class MonitorEffectTests(ITestOutputHelper output)
{
    private static readonly Lazy<LanguageModel> Model = new(() => LanguageModel.Load(ModelLocator.Locate()));

    [Fact]
    public async Task MonitoredGenerationOnlyWritesMembersOfResolvedReceivers()
    {
        var model = Model.Value;
        var filter = new SuggestionFilter();
        var (project, _) = AssistWorkspace.Inventory("Program.cs", "");
        var verdictsWith = new Dictionary<FilterVerdict, int>();
        var verdictsWithout = new Dictionary<FilterVerdict, int>();
        int cases = 0, validWith = 0, validWithout = 0, exactWith = 0, exactWithout = 0, argmaxChanges = 0;
        foreach (var original in project.Project.Documents)
        {
            var root = (await original.GetSyntaxRootAsync())!;
            var semantic = (await original.GetSemanticModelAsync())!;
            var text = await original.GetTextAsync();
            foreach (var access in root.DescendantNodes().OfType<MemberAccessExpressionSyntax>())
            {
                var receiver = semantic.GetSymbolInfo(access.Expression).Symbol;
                var type = semantic.GetTypeInfo(access.Expression).Type;
                if (type is null || type.TypeKind == TypeKind.Error || receiver is INamespaceSymbol) continue;
                var members = (receiver is ITypeSymbol ? semantic.LookupStaticMembers(access.SpanStart, type)
                    : semantic.LookupSymbols(access.SpanStart, type, includeReducedExtensionMethods: true)).Select(m => m.Name).ToHashSet();

                int cut = access.Name.SpanStart;
                var line = text.Lines.GetLineFromPosition(cut);
                string expected = text.ToString(TextSpan.FromBounds(cut, line.End)).TrimEnd();
                var document = original.WithText(text.Replace(TextSpan.FromBounds(cut, line.End), ""));
                var context = await PromptContextBuilder.BuildAsync(document, cut, model.Tokenizer, PromptBudget.For(model.Manifest.ContextLength, 24), true, default);
                var prompt = model.BuildPrompt(context.Prefix, context.Suffix, context.Header, model.Manifest.ContextLength - 24);
                var monitor = await MemberMonitor.CreateAsync(document, cut, model.Tokenizer, MonitorKinds.All, prompt.Healing?.Bytes, default);
                Assert.NotNull(monitor);
                var with = model.Generate(prompt, new GenerationOptions { MaxTokens = 24, SingleLine = true, Mask = monitor });
                var without = model.Generate(prompt, new GenerationOptions { MaxTokens = 24, SingleLine = true });

                string Name(string s) => new(s.TakeWhile(c => char.IsLetterOrDigit(c) || c == '_').ToArray());
                cases++;
                if (members.Contains(Name(with.Text))) validWith++;
                else output.WriteLine($"not a member: '{with.Text}' ({with.StopReason}) after '{context.LinePrefix}'");
                if (!members.Contains(Name(with.Text))) Assert.True(with.StopReason is StopReason.MaxTokens, $"monitored '{with.Text}' after '{context.LinePrefix}' is not a member");
                if (members.Contains(Name(without.Text))) validWithout++;
                if (with.Text.TrimEnd() == expected) exactWith++;
                if (without.Text.TrimEnd() == expected) exactWithout++;
                argmaxChanges += monitor.Stats.ArgmaxChanges;
                foreach (var (result, counts) in new[] { (with, verdictsWith), (without, verdictsWithout) })
                {
                    string trimmed = SuggestionFilter.Trim(result.Text, context);
                    var (verdict, _) = await filter.CheckAsync(document, cut, trimmed, result.Tokens, context, FilterOptions.Default, default);
                    counts[verdict] = counts.GetValueOrDefault(verdict) + 1;
                    if (ReferenceEquals(result, with)) output.WriteLine($"{verdict}: '{context.LinePrefix.Trim()}' + '{trimmed}' (expected '{expected}')");
                }
            }
        }
        output.WriteLine($"{cases} member accesses in samples/Inventory; first name is a member: {validWith} with the monitor, {validWithout} without; " +
                         $"exact rest of line: {exactWith} with, {exactWithout} without; arg max changed on {argmaxChanges} steps");
        output.WriteLine("verdicts with the monitor: " + string.Join(", ", verdictsWith.OrderBy(v => v.Key).Select(v => $"{v.Key} {v.Value}")));
        output.WriteLine("verdicts without: " + string.Join(", ", verdictsWithout.OrderBy(v => v.Key).Select(v => $"{v.Key} {v.Value}")));
        output.WriteLine($"compile checks so far: {filter.CompileCheckStats}");
        Assert.True(cases >= 20);
        Assert.True(validWith >= validWithout);
    }
}
