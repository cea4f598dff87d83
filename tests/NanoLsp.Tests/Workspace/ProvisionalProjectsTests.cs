using Microsoft.CodeAnalysis;
using NanoLsp.Features.CodeActions;
using NanoLsp.Features.Diagnostics;
using NanoLsp.Tests.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Workspace;

/// <summary>The quick solution read from project files without MSBuild: files, settings, references, and what its diagnostics leave out.</summary>
public sealed class ProvisionalProjectsTests : IDisposable
{
    private readonly TemporaryFolder _root = new("nanolsp-provisional-");
    private readonly WorkspaceManager _workspace = new(new RecordingLogger());

    public ProvisionalProjectsTests()
    {
        Write("Directory.Build.props", "<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>");
        Write("Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
            </Project>
            """);
        Write("Lib/Square.cs", """
            namespace Lib;
            public record Square(int Side)
            {
                public List<int> Sides() => [Side, Side, Side, Side];
                public Newtonsoft.Json.Linq.JObject Json() => new();
                // An operator on a nullable package type is reported (CS0019), but only because the type is unknown here.
                public bool Has(Newtonsoft.Json.Linq.JObject? json) => json != null;
                // Then flow analysis past that operator: `other` is "unassigned" (CS0165) only because `!=` was not applied.
                public bool Same(object o, Newtonsoft.Json.Linq.JObject? json) => o is Square other && json != null && other.Side == Side;
                public int Unassigned() { int n; return n; }
                public int Broken() => "four";
            }
            """);
        Write("Lib/obj/Debug/Lib.AssemblyInfo.cs", "this is build output, not source");
        Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
              <ItemGroup><ProjectReference Include="..\Lib\Lib.csproj" /></ItemGroup>
            </Project>
            """);
        Write("App/Program.cs", """
            public static class Program
            {
            #if NET8_0_OR_GREATER
                public static int Main() => new Lib.Square(2).Side;
            #else
                public static Nope Main() => null;
            #endif
                public static string? Maybe() => null;
            }
            """);
        Write("Scripts/Loose.cs", "public static class Loose { public static int One() => 1; }");
    }

    public void Dispose()
    {
        _workspace.Dispose();
        _root.Dispose();
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private Document Document(string relative) => _workspace.Snapshot.FindDocument(Path.Combine(_root.Path, relative))!;

    /// <summary>A document's compiler diagnostics, and those the provisional filter shows of them.</summary>
    private async Task<(IReadOnlyList<Diagnostic> Raw, IReadOnlyList<Diagnostic> Shown)> DiagnoseAsync(string relative)
    {
        var document = Document(relative);
        var raw = await DocumentDiagnostics.GetCompilerAsync(document, CancellationToken.None);
        return (raw, await ProvisionalDiagnostics.FilterAsync(document, raw, CancellationToken.None));
    }

    [Fact]
    public void EachProjectHoldsTheFilesUnderItsFolderAndLooseFilesTheRest()
    {
        var result = _workspace.LoadProvisional([_root.Path]);
        Assert.Null(result.Skipped);
        Assert.Equal(2, result.Projects);
        Assert.True(_workspace.Snapshot.Provisional);
        Assert.Equal("Lib", Document("Lib/Square.cs").Project.Name);
        Assert.Equal("App", Document("App/Program.cs").Project.Name);
        Assert.Equal(WorkspaceLoader.LooseFilesName, Document("Scripts/Loose.cs").Project.Name);
        Assert.Null(_workspace.Snapshot.FindDocument(Path.Combine(_root.Path, "Lib/obj/Debug/Lib.AssemblyInfo.cs")));
    }

    [Fact]
    public async Task SettingsAndProjectReferencesComeFromTheProjectFiles()
    {
        _workspace.LoadProvisional([_root.Path]);
        var app = Document("App/Program.cs");
        // The project reference resolves Lib.Square, net8.0's symbols pick the first branch, and the
        // Directory.Build.props above turns nullable on (no CS8632 for `string?`).
        var appDiagnostics = await DocumentDiagnostics.GetCompilerAsync(app, CancellationToken.None);
        Assert.Empty(appDiagnostics);
        // App has no package of its own, but Lib's flow to it, as NuGet's do.
        Assert.True(ProvisionalProjects.HasPackages(app.Project));
        // A file no project takes, beside projects: what it would need a project for is unknown, as after the load.
        Assert.True(ProvisionalProjects.HasPackages(Document("Scripts/Loose.cs").Project));

        var lib = Document("Lib/Square.cs");
        Assert.True(ProvisionalProjects.HasPackages(lib.Project));
        var libDiagnostics = await DocumentDiagnostics.GetCompilerAsync(lib, CancellationToken.None);
        // Implicit usings bring List<int>; Newtonsoft is a package the quick solution lacks.
        Assert.DoesNotContain(libDiagnostics, d => d.GetMessage().Contains("List", StringComparison.Ordinal));
        Assert.Contains(libDiagnostics, d => d.Id is "CS0246" or "CS0234");
        Assert.Contains(libDiagnostics, d => d.Id == "CS0019");
        Assert.Equal(2, libDiagnostics.Count(d => d.Id == "CS0165"));
        // Shown while loading: the real errors, not the package's missing types.
        Assert.Equal(["CS0165", "CS0029"], (await ProvisionalDiagnostics.FilterAsync(lib, libDiagnostics, CancellationToken.None)).Select(d => d.Id));
    }

    [Fact]
    public async Task UsingItemsOfTheProjectFilesAreGlobalUsings()
    {
        // The SDK makes each Using item a global using (GlobalUsings.g.cs): a repository that imports its own namespaces
        // this way (dotnet/efcore's projects do) would otherwise show an unknown name on every use of them.
        Write("Directory.Build.targets", """<Project><ItemGroup><Using Include="System.Text" /></ItemGroup></Project>""");
        Write("Shapes/Shapes.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup>
                <Using Include="Shapes.Geometry;System.Globalization" />
                <Using Include="System.Math" Static="true" />
                <Using Include="System.Collections.Generic.Dictionary&lt;string, int&gt;" Alias="Counts" />
                <Using Remove="System.Linq" />
                <Using Include="$(RootNamespace).Unevaluated" />
              </ItemGroup>
            </Project>
            """);
        Write("Shapes/Geometry/Circle.cs", "namespace Shapes.Geometry; public record Circle(double Radius);");
        Write("Shapes/Use.cs", """
            namespace Shapes;
            public static class Use
            {
                public static double Area(Circle c) => PI * c.Radius * c.Radius;
                public static string Name() => new StringBuilder("c").Append(CultureInfo.InvariantCulture.Name).ToString();
                public static Counts Tally() => new();
                public static int First(int[] items) => items.First();
            }
            """);
        _workspace.LoadProvisional([_root.Path]);
        var diagnostics = await DocumentDiagnostics.GetCompilerAsync(Document("Shapes/Use.cs"), CancellationToken.None);
        // Circle, PI, StringBuilder (the .targets), CultureInfo and Counts resolve; System.Linq was removed, so First does not.
        Assert.Equal(["CS1061"], diagnostics.Select(d => d.Id));
        Assert.Contains("First", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWebProjectCompilesAgainstAspNetCoreAndAnotherSdksProjectIsFilteredAsWithPackages()
    {
        // The Web SDK's projects (a third of the evaluation repositories' projects) compile against ASP.NET Core, with its
        // implicit usings, as after the load; the SDK installs that targeting pack beside the framework's.
        Assert.True(LooseProjects.HasAspNetCore, "the SDK's ASP.NET Core targeting pack (packs/Microsoft.AspNetCore.App.Ref)");
        Write("Web/Web.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
            </Project>
            """);
        Write("Web/Api.cs", """
            public static class Api
            {
                public static WebApplication Build(string[] args)
                {
                    var app = WebApplication.CreateBuilder(args).Build();
                    app.MapGet("/", (ILogger<WebApplication> log) => Results.Ok("hi"));
                    return app;
                }
            }
            """);
        Write("Tests/Tests.csproj", """
            <Project Sdk="MSTest.Sdk/3.6.0">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            </Project>
            """);
        Write("Tests/ApiTests.cs", "[TestClass] public class ApiTests { [TestMethod] public void Runs() { } }");
        _workspace.LoadProvisional([_root.Path]);
        var web = Document("Web/Api.cs");
        Assert.False(ProvisionalProjects.HasPackages(web.Project));
        Assert.Empty(await DocumentDiagnostics.GetCompilerAsync(web, CancellationToken.None));
        // MSTest.Sdk brings MSTest's packages, which the quick pass lacks: their names are not reported.
        var tests = Document("Tests/ApiTests.cs");
        Assert.True(ProvisionalProjects.HasPackages(tests.Project));
        var testDiagnostics = await DocumentDiagnostics.GetCompilerAsync(tests, CancellationToken.None);
        Assert.Contains(testDiagnostics, d => d.Id == "CS0246");
        Assert.Empty(await ProvisionalDiagnostics.FilterAsync(tests, testDiagnostics, CancellationToken.None));
    }

    [Fact]
    public async Task TheProjectFilesSayWhoSeesTheInternals()
    {
        Write("Core/Core.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><AssemblyName>Shapes.Core</AssemblyName></PropertyGroup>
              <ItemGroup><InternalsVisibleTo Include="$(AssemblyName).Tests" /></ItemGroup>
            </Project>
            """);
        Write("Core/Secret.cs", "namespace Shapes; internal static class Secret { internal static int Value => 42; }");
        Write("Core.Tests/Shapes.Core.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType></PropertyGroup>
              <ItemGroup><ProjectReference Include="..\Core\Core.csproj" /></ItemGroup>
            </Project>
            """);
        // A program reading the internals the attribute opens to it (the assembly named by AssemblyName).
        Write("Core.Tests/Program.cs", "await System.Threading.Tasks.Task.Yield();\nSystem.Console.WriteLine(Shapes.Secret.Value + args.Length);\nreturn 0;");
        _workspace.LoadProvisional([_root.Path]);
        Assert.Empty(await DocumentDiagnostics.GetCompilerAsync(Document("Core.Tests/Program.cs"), CancellationToken.None));
    }

    [Fact]
    public void EverySolutionAtTheTopListsProjects()
    {
        // As ThreeMammals/Ocelot: a samples solution sorts before the main one, which alone lists the tests.
        Write("Shapes.Samples.slnx", """<Solution><Project Path="App/App.csproj" /></Solution>""");
        Write("Shapes.slnx", """<Solution><Project Path="Lib/Lib.csproj" /><Project Path="Lib.Tests/Lib.Tests.csproj" /></Solution>""");
        // What `dotnet sln migrate` leaves beside the .slnx: the same solution, not read again.
        Write("Shapes.sln", "not a solution file");
        Write("Lib.Tests/Lib.Tests.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>""");
        Write("Lib.Tests/SquareTests.cs", "public static class SquareTests { public static int Side() => new Lib.Square(1).Side; }");

        Assert.Equal(["Shapes.Samples.slnx", "Shapes.slnx"], WorkspaceLoader.FindProjectFiles(_root.Path).Select(Path.GetFileName));
        var result = _workspace.LoadProvisional([_root.Path]);
        Assert.Equal(3, result.Projects);
        Assert.Equal("Lib.Tests", Document("Lib.Tests/SquareTests.cs").Project.Name);
        Assert.Equal("App", Document("App/Program.cs").Project.Name);
    }

    [Fact]
    public void TheSolutionsChosenForAFolderAreTheOnesItLoads()
    {
        Write("Shapes.Samples.slnx", """<Solution><Project Path="App/App.csproj" /></Solution>""");
        Write("Shapes.slnx", """<Solution><Project Path="Lib/Lib.csproj" /></Solution>""");
        var other = Path.Combine(Path.GetTempPath(), "nanolsp-elsewhere", "Other.slnx");
        var samples = Path.Combine(_root.Path, "Shapes.Samples.slnx");

        // Relative to the folder, or absolute; what is not in this folder (missing, elsewhere, not a project file) is not its choice.
        Assert.Equal(["Shapes.slnx"], WorkspaceLoader.FindProjectFiles(_root.Path, ["Shapes.slnx", "Missing.slnx", other, "README.md"]).Select(Path.GetFileName));
        Assert.Equal([samples], WorkspaceLoader.FindProjectFiles(_root.Path, [samples]));
        Assert.Equal(["Shapes.Samples.slnx", "Shapes.slnx"], WorkspaceLoader.FindProjectFiles(_root.Path, ["Missing.slnx"]).Select(Path.GetFileName));
        Assert.Equal(["Lib.csproj"], WorkspaceLoader.FindProjectFiles(_root.Path, ["Lib/Lib.csproj"]).Select(Path.GetFileName));

        _workspace.ChosenProjectFiles = ["Shapes.slnx"];
        var result = _workspace.LoadProvisional([_root.Path]);
        Assert.Equal(1, result.Projects);
        Assert.Equal("Lib", Document("Lib/Square.cs").Project.Name);
        Assert.NotEqual("App", Document("App/Program.cs").Project.Name); // a loose file now
    }

    [Fact]
    public async Task ErrorsOfTypesNotWhollyKnownAreLeftOutAndTheCodesOwnAreShown()
    {
        // A package's base class (unknown here) under one of the project's own types: the compiler finds no constructor
        // for its base call (CS1729), the missing reference's error, not the code's.
        Write("Data/Data.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
              <ItemGroup><PackageReference Include="Microsoft.EntityFrameworkCore" Version="9.0.0" /></ItemGroup>
            </Project>
            """);
        Write("Data/Shop.cs", """
            using Microsoft.EntityFrameworkCore;
            public interface IStore { }
            public sealed class Shop(DbContextOptions<Shop> options) : DbContext(options), IStore
            {
                public static IStore AsStore(Shop shop) => shop;
                public static int Wrong(string name) => System.Math.Abs(name);
            }
            public abstract class Shape { public abstract double Area(); }
            // A source generator's half would implement Area (as System.Text.Json's does for its contexts); not this one's.
            public partial class Generated : Shape { }
            public class Forgot : Shape { }
            // A package's generic extension method (DependencyInjection's) where the type has a non-generic one.
            public static class Services { public static string? Find(System.IServiceProvider provider) => provider.GetService<string>(); }
            """);
        _workspace.LoadProvisional([_root.Path]);
        var (raw, shown) = await DiagnoseAsync("Data/Shop.cs");
        Assert.Contains(raw, d => d.Id == "CS1729");
        Assert.Equal(2, raw.Count(d => d.Id == "CS0534"));
        Assert.Contains(raw, d => d.Id == "CS0308");
        // Math.Abs(string) and Forgot are the code's own errors (every type known); nothing else is shown.
        Assert.Equal(["CS1503", "CS0534"], shown.Select(d => d.Id));
        Assert.Contains("string", shown[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Forgot", shown[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatTheGuessesCauseIsLeftOutAndTheCodesOwnErrorsAreShown()
    {
        // A base class whose abstract member names a package's type (unknown here): the override overrides nothing
        // (CS0115) and the abstract member is "not implemented" (CS0534), as docfx's processors.
        Write("Core/Core.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><PackageReference Include="Microsoft.AspNetCore.Mvc.NewtonsoftJson" Version="9.0.0" /></ItemGroup>
            </Project>
            """);
        Write("Core/Contracts.cs", """
            using Microsoft.AspNetCore.Http;
            public abstract class Handler { public abstract Task Handle(HttpContext context); }
            """);
        Write("Web/Web.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Library</OutputType><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><ProjectReference Include="../Core/Core.csproj" /></ItemGroup>
            </Project>
            """);
        Write("Web/Doubles.cs", """
            using Microsoft.AspNetCore.Http;
            public sealed class EchoHandler : Handler { public override Task Handle(HttpContext context) => Task.CompletedTask; }
            public interface IShape { double Area(); }
            public sealed class Square : IShape { }
            public sealed class Twice { public void Run() { } public void Run() { } }
            // System.Reactive's ToArray (a package's) where LINQ's for another type is all there is here (CS0411).
            public static class Streams { public static async Task<int[]> All(IObservable<int> numbers) => await numbers.ToArray(); }
            """);
        // A folder no project takes, with a copy of a snippet in each of two subfolders (docfx's docs/codesnippet).
        Write("Snippets/One/Processor.cs", "public class Processor { public void Run() { } }");
        Write("Snippets/Two/Processor.cs", "public class Processor { public void Run() { } }");
        _workspace.LoadProvisional([_root.Path]);

        var (raw, shown) = await DiagnoseAsync("Web/Doubles.cs");
        Assert.Contains(raw, d => d.Id == "CS0534");
        Assert.Contains(raw, d => d.Id == "CS0411");
        // Square's missing Area and Twice's second Run are the code's own.
        Assert.Equal(["CS0535", "CS0111"], shown.Select(d => d.Id));
        var (snippetRaw, snippetShown) = await DiagnoseAsync("Snippets/Two/Processor.cs");
        Assert.Contains(snippetRaw, d => d.Id == "CS0101");
        Assert.Empty(snippetShown);
    }

    [Fact]
    public void AProjectMSBuildCouldNotLoadIsFilteredAsOneWithPackages()
    {
        // Before the load a plain project shows every error; where MSBuild failed on it, what it references is unknown.
        Write("Plain/Plain.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>""");
        Write("Plain/Use.cs", "public static class Use { }");
        bool PlainHasPackages(bool msBuildFailed) => ProvisionalProjects.HasPackages(
            ProvisionalProjects.Create(_workspace.CurrentSolution, [_root.Path], msBuildFailed: msBuildFailed).Solution.Projects.Single(p => p.Name == "Plain"));
        Assert.False(PlainHasPackages(msBuildFailed: false));
        Assert.True(PlainHasPackages(msBuildFailed: true));
    }

    [Fact]
    public async Task HoverAndCodeActionsTakeOnlyTheDiagnosticsTheProvisionalSolutionShows()
    {
        _workspace.LoadProvisional([_root.Path]);
        var lib = Document("Lib/Square.cs");
        var text = (await lib.GetTextAsync()).ToString();
        // The package's type (unknown until the load) and the real error, each on its own line.
        var package = new Microsoft.CodeAnalysis.Text.TextSpan(text.IndexOf("Newtonsoft", StringComparison.Ordinal), 0);
        var real = new Microsoft.CodeAnalysis.Text.TextSpan(text.IndexOf("\"four\"", StringComparison.Ordinal), 0);

        Assert.Contains(await CodeActionService.GetDiagnosticsAsync(lib, package, CancellationToken.None), d => d.Id is "CS0246" or "CS0234");
        Assert.Empty(await CodeActionService.GetDiagnosticsAsync(lib, package, CancellationToken.None, provisional: true));
        Assert.Equal(["CS0029"], (await CodeActionService.GetDiagnosticsAsync(lib, real, CancellationToken.None, provisional: true)).Select(d => d.Id));
    }

    [Fact]
    public void ABrokenProjectFileStillGivesAProjectAndTooManyFilesGiveTheOpenFilesAlone()
    {
        Write("Lib/Lib.csproj", "<Project><PropertyGroup>");
        var result = _workspace.LoadProvisional([_root.Path]);
        Assert.Null(result.Skipped);
        Assert.Equal("Lib", Document("Lib/Square.cs").Project.Name);

        using var big = new WorkspaceManager(new RecordingLogger());
        for (var i = 0; i <= ProvisionalProjects.MaxFiles; i++)
            Write($"Big/F{i}.cs", "");
        var tooBig = big.LoadProvisional([_root.Path]);
        Assert.Null(tooBig.Skipped);
        Assert.Contains("open files alone", tooBig.From);
        Assert.True(big.Snapshot.Provisional);
        // No file is compiled until the editor opens it; then it joins the open files' project, as a second one does.
        Assert.Empty(big.CurrentSolution.GetDocumentIdsWithFilePath(Path.Combine(_root.Path, "Big", "F1.cs")));
        var opened = big.Open(Path.Combine(_root.Path, "Big", "F1.cs"), "file:///F1.cs", "class F1 { }", 1);
        var second = big.Open(Path.Combine(_root.Path, "Lib", "Square.cs"), "file:///Square.cs", "class Square { }", 1);
        Assert.Equal(ProvisionalProjects.OpenFilesName, opened.Project.Name);
        Assert.Equal(opened.Project.Id, second.Project.Id);
        Assert.True(ProvisionalProjects.IsOpenFilesOnly(opened.Project));
    }
}
