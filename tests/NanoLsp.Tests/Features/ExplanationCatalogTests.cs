using Microsoft.CodeAnalysis;
using NanoLsp.Features.Hover;

namespace NanoLsp.Tests.Features;

/// <summary>
/// Each curated explanation, triggered by a real snippet: the compiler reports the code, and the
/// explanation quotes the real names and types of that snippet (facts from the semantic model).
/// </summary>
public sealed class ExplanationCatalogTests
{
    // (code, snippet, fragments the explanation must contain)
    public static TheoryData<string, string, string[]> Cases => new()
    {
        { "CS0103", "class C { int Count; int M() { return Cuont; } }", ["`Cuont`", "`C`", "Did you mean `Count`"] },
        { "CS0246", "class C { StrngBuilder b; }", ["`StrngBuilder`"] },
        { "CS0234", "using System.Colections;", ["`Colections`", "`System`"] },
        { "CS1061", "class C { void M(string s) { var n = s.Lenght; } }", ["`string`", "`Lenght`", "Did you mean `Length`"] },
        { "CS0117", "class C { void M() { var x = System.Math.Sqr(2.0); } }", ["`Math`", "`Sqr`", "`Sqrt`"] },
        { "CS0122", "class A { private int secret; } class B { int M(A a) => a.secret; }", ["`A.secret`", "private", "`A`"] },
        { "CS0120", "class C { int value; static int M() => value; }", ["`C.value`", "`C`"] },
        { "CS0176", "class C { public static int Max; int M(C c) => c.Max; }", ["`C.Max`", "`C.Max`"] },
        { "CS0136", "class C { void M() { int total = 0; { int total = 1; } } }", ["`total`", "`M`"] },
        { "CS0128", "class C { void M() { int count = 1; int count = 2; } }", ["`count`", "`M`"] },
        { "CS0102", "class Order { int Id; string Id; }", ["`Order`", "`Id`"] },
        { "CS0111", "class Order { void Ship(int days) { } void Ship(int weeks) { } }", ["`Order`", "`Ship`"] },
        { "CS0841", "class C { void M() { total = 1; int total; } }", ["`total`"] },
        { "CS0116", "namespace N { void Loose() { } }", ["namespace"] },
        { "CS0029", "class C { void M() { int count = \"three\"; } }", ["`\"three\"`", "`string`", "`int`"] },
        { "CS0266", "class C { void M(double price) { int rounded = price; } }", ["`price`", "`double`", "`int`", "`(int)`"] },
        { "CS0030", "class C { void M(string s) { var n = (System.Guid)s; } }", ["`string`", "`System.Guid`"] },
        { "CS1503", "class C { void Ship(int days) { } void M() { Ship(\"soon\"); } }", ["`\"soon\"`", "`string`", "`days`", "`int`", "Ship"] },
        { "CS0428", "class C { int Next() => 1; void M() { int n = Next; } }", ["`Next`", "`int`"] },
        { "CS0019", "class C { bool M(string name, int id) => name == id; }", ["`==`", "`string`", "`int`"] },
        { "CS0021", "class C { int M(object bag) => bag[0]; }", ["`bag`", "`object`"] },
        { "CS0815", "class C { void M() { var nothing = null; } }", ["`nothing`"] },
        { "CS0818", "class C { void M() { var later; } }", ["`later`"] },
        { "CS1579", "class Bag { } class C { void M(Bag bag) { foreach (var x in bag) { } } }", ["`Bag`"] },
        { "CS0131", "class C { int Next() => 1; void M() { Next() = 2; } }", ["`Next() = 2;`"] },
        { "CS0200", "class C { public int Size => 1; void M() { Size = 2; } }", ["`C.Size`"] },
        { "CS7036", "class C { void Ship(int days, string carrier) { } void M() { Ship(3); } }", ["`C.Ship(int, string)`", "`string carrier`", "1 argument"] },
        { "CS1501", "class C { void Ship(int days) { } void M() { Ship(1, 2, 3); } }", ["`Ship`", "3 argument", "`C.Ship(int)`"] },
        { "CS0161", "class C { int Pick(bool first) { if (first) return 1; } }", ["`Pick`", "`int`"] },
        { "CS0127", "class C { void Reset() { return 1; } }", ["`Reset`"] },
        { "CS0126", "class C { int Count() { return; } }", ["`Count`", "`int`"] },
        { "CS0201", "class C { void M(int a) { a + 1; } }", ["`a + 1;`"] },
        { "CS4014", "using System.Threading.Tasks; class C { Task SaveAsync() => Task.CompletedTask; async Task M() { SaveAsync(); await Task.Yield(); } }", ["`C.SaveAsync()`", "`Task`", "`M`"] },
        { "CS0236", "class C { int a = 1; int b = a; }", ["`C.a`"] },
        { "CS0535", "interface IShape { double Area(); string Name { get; } } class Circle : IShape { public string Name => \"c\"; }", ["`Circle`", "`IShape`", "`IShape.Area()`"] },
        { "CS0534", "abstract class Shape { public abstract double Area(); } class Square : Shape { }", ["`Square`", "`Shape`", "`Shape.Area()`"] },
        { "CS0501", "class C { public void Run(); }", ["`Run`"] },
        { "CS0106", "class C { readonly void Run() { } }", ["`readonly`", "`Run`"] },
        { "CS0115", "class C { public override string ToStrin() => \"\"; }", ["`ToStrin`", "`C`"] },
        { "CS0108", "class A { public int Id; } class B : A { public int Id; }", ["`Id`", "`B`", "`A.Id`"] },
        { "CS0114", "class A { public virtual void Run() { } } class B : A { public void Run() { } }", ["`Run`", "`B`", "`A.Run()`"] },
        { "CS0165", "class C { int M() { int total; return total; } }", ["`total`", "`= default(int)`"] },
        { "CS0168", "class C { void M() { int unused; } }", ["`unused`"] },
        { "CS0219", "class C { void M() { int ignored = 5; } }", ["`ignored`"] },
        { "CS0162", "class C { int M() { return 1; System.Console.WriteLine(\"never\"); } }", ["`System.Console.WriteLine(\"never\");`"] },
        { "CS0649", "class C { private string? label; public string? Get() => label; }", ["`label`", "`null`"] },
        { "CS0169", "class Cart { private int spare; }", ["`spare`", "`Cart`"] },
        { "CS0414", "class Cart { private int hits; public void Hit() { hits = 1; } }", ["`hits`", "`Cart`"] },
        { "CS8019", "using System.Text; class C { }", ["`System.Text`"] },
        { "CS0618", "class C { [System.Obsolete(\"Use Run2\")] void Run() { } void M() { Run(); } }", ["`C.Run()`", "Use Run2"] },
        { "CS0612", "class C { [System.Obsolete] void Run() { } void M() { Run(); } }", ["`C.Run()`"] },
        { "CS1002", "class C { void M() { int a = 1 } }", ["`1`"] },
        { "CS1513", "class C { void M() { ", ["`{`"] },
        { "CS1514", "class C ", ["`C`"] },
        { "CS1026", "class C { void M() { M(; } }", ["`(`"] },
        { "CS1001", "class C { void M() { int = 1; } }", ["`int`"] },
        { "CS1525", "class C { void M() { int a = ; } }", ["`;`", "`=`"] },
        { "CS1519", "class C { int a = 1; a++; }", ["`++`"] },
        { "CS1022", "class C { } }", ["`}`"] },
        { "CS8600", "class C { string? Find() => null; void M() { string name = Find(); } }", ["`Find()`", "`string`", "`string?`"] },
        { "CS8601", "class C { string name = \"\"; void M(string? input) { name = input; } }", ["`input`", "`string`"] },
        { "CS8602", "class C { int M(string? text) => text.Length; }", ["`text`", "`string?`"] },
        { "CS8603", "class C { string Name(string? alias) { return alias; } }", ["`alias`", "`Name`", "`string`"] },
        { "CS8604", "class C { void Print(string text) { } void M(string? maybe) { Print(maybe); } }", ["`maybe`", "`text`", "C.Print(string text)"] },
        { "CS8618", "class Person { public string Name { get; set; } public Person() { } }", ["`Name`", "`string`", "`Person`", "`string?`"] },
        { "CS8619", "using System.Collections.Generic; class C { List<string> M(List<string?> items) => items; }", ["`List<string?>`", "`List<string>`"] },
        { "CS8620", "using System.Collections.Generic; class C { void Take(List<string> xs) { } void M(List<string?> ys) { Take(ys); } }", ["`List<string?>`", "`xs`"] },
        { "CS8625", "class C { void Print(string text) { } void M() { Print(null); } }", ["`string`", "`string?`"] },
        { "CS8629", "class C { int M(int? maybe) => maybe.Value; }", ["`maybe`", "`int?`"] },
        // Closest names come from what is in scope: locals, generic types, members with extension methods.
        { "CS0103", "class C { int M() { int total = 1; return totl; } }", ["`totl`", "Did you mean `total`"] },
        { "CS0246", "using System.Collections.Generic; class C { Lsit<int> items = new(); }", ["`Lsit`", "`List`"] },
        { "CS1061", "using System.Collections.Generic; using System.Linq; class C { void M(List<int> items) { items.Ad(1); var f = items.Frist(); } }", ["`List<int>`", "`Ad`", "`Add`"] },
        { "CS8605", "class C { int M(object? boxed) => (int)boxed; }", ["`(int)boxed`"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ExplanationQuotesTheRealNamesOfTheCode(string code, string snippet, string[] fragments)
    {
        var (document, _) = FeatureWorkspace.Create(snippet);
        var model = (await document.GetSemanticModelAsync())!;
        // Unused-field warnings exist only at compilation level, so ask the whole compilation.
        var all = (await document.Project.GetCompilationAsync())!.GetDiagnostics();
        var diagnostic = all.FirstOrDefault(d => d.Id == code);
        Assert.True(diagnostic is not null, $"The snippet did not trigger {code}; it gave: {string.Join(", ", all.Select(d => d.Id))}");

        var explanation = ExplanationCatalog.Find(code);
        Assert.NotNull(explanation);
        var text = explanation.Render(FactExtractor.Extract(diagnostic, model, explanation.Facts, CancellationToken.None));
        foreach (var fragment in fragments)
            Assert.True(text.Contains(fragment, StringComparison.Ordinal), $"{code}: expected {fragment} in: {text}");
    }

    [Fact]
    public void EveryCuratedCodeHasATriggeringSnippet()
    {
        var tested = Cases.Select(row => (string)row[0]).ToHashSet();
        // IDE0005 is an analyzer over the compiler's CS8019 and shares its explanation and facts.
        var untested = ExplanationCatalog.All.Keys.Where(code => code != "IDE0005" && !tested.Contains(code)).ToList();
        Assert.Empty(untested);
        Assert.InRange(ExplanationCatalog.All.Count, 40, 90);
    }

    [Fact]
    public async Task ExplainingNeverThrowsOnTruncatedCode()
    {
        // Every snippet cut at many places: whatever the compiler reports, the explainer answers.
        var explained = 0;
        foreach (var snippet in Cases.Select(row => (string)row[1]).Distinct())
        {
            for (var cut = 3; cut < snippet.Length; cut += 5)
            {
                var (document, _) = FeatureWorkspace.Create(snippet[..cut]);
                var model = (await document.GetSemanticModelAsync())!;
                foreach (var diagnostic in model.GetDiagnostics())
                {
                    var text = DiagnosticExplainer.Explain(diagnostic, model, [], CancellationToken.None);
                    Assert.Contains(diagnostic.Id, text);
                    explained++;
                }
            }
        }
        Assert.True(explained > 500, $"only {explained} diagnostics explained");
    }

    [Fact]
    public void ClosestNamesAreWithinAFewEdits()
    {
        Assert.Equal(["Count", "count"], EditDistance.Closest("Cuont", ["Count", "count", "Amount", "Console"]));
        Assert.Empty(EditDistance.Closest("x", ["Console", "Math"]));
        Assert.Equal(2, EditDistance.Levenshtein("kitten", "sittin"));
    }
}
