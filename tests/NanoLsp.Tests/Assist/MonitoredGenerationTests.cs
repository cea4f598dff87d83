using NanoLsp.Assist;
using NanoLsp.Model;

namespace NanoLsp.Tests.Assist;

/// <summary>The monitor in the real generation loop of the shipped model.</summary>
public class MonitoredGenerationTests
{
    private static readonly Lazy<LanguageModel> Model = new(() => LanguageModel.Load(ModelLocator.Locate()));

    [Theory]
    [InlineData("list.", new[] { "List<int>" })]
    [InlineData("var n = list.Co", new[] { "List<int>" })]
    [InlineData("System.Console.", new[] { "Console" })]
    public async Task GreedyGenerationUnderTheMonitorWritesAMemberOfTheReceiver(string typed, string[] _)
    {
        const string source = """
            using System.Collections.Generic;
            using System.Linq;
            class A
            {
                void Run()
                {
                    var list = new List<int>();
                    $$
                }
            }
            """;
        var (document, caret) = AssistWorkspace.Create(("A.cs", source.Replace("$$", typed + "$$")));
        var model = Model.Value;
        var context = await PromptContextBuilder.BuildAsync(document, caret, model.Tokenizer, PromptBudget.For(model.Manifest.ContextLength, 24), true, default);
        var prompt = model.BuildPrompt(context.Prefix, context.Suffix, context.Header, maxTokens: model.Manifest.ContextLength - 24);
        var monitor = await MemberMonitor.CreateAsync(document, caret, model.Tokenizer, MonitorKinds.All, prompt.Healing?.Bytes, default);
        Assert.NotNull(monitor);
        var result = model.Generate(prompt, new GenerationOptions { MaxTokens = 24, SingleLine = true, Mask = monitor });

        // The name being written, from the receiver's dot up to the first non-identifier character.
        string line = context.LinePrefix + result.Text;
        string afterDot = line[(line.LastIndexOf('.', context.LinePrefix.Length - 1) + 1)..];
        string name = new(afterDot.TakeWhile(c => char.IsLetterOrDigit(c) || c == '_').ToArray());
        var semantic = await document.GetSemanticModelAsync();
        var receiverType = typed.StartsWith("System.Console") ? semantic!.Compilation.GetTypeByMetadataName("System.Console")!
            : semantic!.Compilation.GetSpecialType(Microsoft.CodeAnalysis.SpecialType.System_Collections_Generic_IList_T);
        var members = typed.StartsWith("System.Console")
            ? semantic.LookupStaticMembers(caret, receiverType).Select(m => m.Name)
            : semantic.LookupSymbols(caret, semantic.Compilation.GetTypeByMetadataName("System.Collections.Generic.List`1")!
                .Construct(semantic.Compilation.GetSpecialType(Microsoft.CodeAnalysis.SpecialType.System_Int32)), includeReducedExtensionMethods: true).Select(m => m.Name);
        Assert.True(members.Contains(name) || (name.Length > 0 && members.Any(m => m.StartsWith(name)) && result.StopReason == StopReason.MaxTokens),
            $"'{result.Text}' ({result.StopReason}) writes '{name}', not a member");
        Assert.True(monitor.Stats.MemberAccessSteps >= 1);
    }
}
