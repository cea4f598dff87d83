using Microsoft.CodeAnalysis;
using NanoLsp.Tests.E2E;
using NanoLsp.Tests.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Workspace;

/// <summary>
/// The projects of MSBuild's load kept on disk and made again at the next start: the same compilation as MSBuild's
/// (documents, references, options, source generators, diagnostics), and never used once something the build read
/// has changed.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class DesignTimeCacheTests : IDisposable
{
    private readonly string _folder = Fixtures.Copy("SharedReference");
    private readonly TemporaryFolder _cache = new("nanolsp-design-time-");
    private readonly RecordingLogger _logger = new();

    public DesignTimeCacheTests()
    {
        // An error, a warning and a source generator's input, so that the compilations have something to differ in.
        File.WriteAllText(Path.Combine(_folder, "App", "Checks.cs"), """
            using System.Text.RegularExpressions;
            namespace App;
            public static partial class Checks
            {
                [GeneratedRegex("^[a-z]+$")]
                private static partial Regex Word();
                public static bool IsWord(string text) => Word().IsMatch(text);
                public static int Wrong() => "four";
                public static string Maybe(string? text) => text;
            }
            """);
    }

    public void Dispose()
    {
        _cache.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<LoadOutcome> LoadAsync() =>
        new WorkspaceLoader(_logger) { DesignTimeCacheFolder = _cache.Path }.LoadAsync(_folder, _ => { }, CancellationToken.None);

    private static bool FromCache(LoadOutcome outcome) => outcome.Description.Contains("from the design-time cache", StringComparison.Ordinal);

    /// <summary>A define added to Lib's project file: the next load is MSBuild's, and has it.</summary>
    private async Task AssertADefineInLibLoadsWithMsBuildAsync(string symbol, Func<Task<LoadOutcome>> load)
    {
        var project = Path.Combine(_folder, "Lib", "Lib.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</PropertyGroup>", $"<DefineConstants>$(DefineConstants);{symbol}</DefineConstants></PropertyGroup>"));
        var afterEdit = await load();
        Assert.False(FromCache(afterEdit));
        Assert.Contains(symbol, afterEdit.Solution.Projects.Single(p => p.Name == "Lib").ParseOptions!.PreprocessorSymbolNames);
    }

    [Fact]
    public async Task TheCachedProjectsCompileAsMsBuildsDo()
    {
        var built = await LoadAsync();
        Assert.False(FromCache(built));
        Assert.Single(Directory.GetFiles(_cache.Path, "*.json.gz"));
        var cached = await LoadAsync();
        Assert.True(FromCache(cached), cached.Description);
        Assert.Equal(built.Report.ProjectsLoaded, cached.Report.ProjectsLoaded);

        var projects = built.Solution.Projects.Where(p => p.Language == LanguageNames.CSharp).ToList();
        Assert.Equal(3, projects.Count);
        foreach (var project in projects)
        {
            var again = cached.Solution.Projects.Single(p => p.FilePath == project.FilePath && p.Name == project.Name);
            Assert.Equal(Paths(project.Documents), Paths(again.Documents));
            Assert.Equal(Paths(project.AnalyzerConfigDocuments), Paths(again.AnalyzerConfigDocuments));
            Assert.Equal(project.MetadataReferences.OfType<PortableExecutableReference>().Select(r => r.FilePath).Order(),
                again.MetadataReferences.OfType<PortableExecutableReference>().Select(r => r.FilePath).Order());
            Assert.Equal(project.AnalyzerReferences.Select(r => r.FullPath).Order(), again.AnalyzerReferences.Select(r => r.FullPath).Order());
            Assert.Equal(project.ProjectReferences.Select(r => built.Solution.GetProject(r.ProjectId)!.FilePath).Order(),
                again.ProjectReferences.Select(r => cached.Solution.GetProject(r.ProjectId)!.FilePath).Order());
            Assert.Equal(project.OutputFilePath, again.OutputFilePath);
            Assert.Equal(project.DefaultNamespace, again.DefaultNamespace);
            Assert.Equal(project.ParseOptions, again.ParseOptions);

            Assert.Equal((await project.GetSourceGeneratedDocumentsAsync()).Select(d => d.HintName).Order(),
                (await again.GetSourceGeneratedDocumentsAsync()).Select(d => d.HintName).Order());
            var expected = Describe((await project.GetCompilationAsync())!.GetDiagnostics());
            Assert.Equal(expected, Describe((await again.GetCompilationAsync())!.GetDiagnostics()));
            if (project.Name == "App")
            {
                Assert.Contains(expected, d => d.StartsWith("CS0029", StringComparison.Ordinal)); // the error
                Assert.Contains(expected, d => d.StartsWith("CS8603", StringComparison.Ordinal)); // the nullable warning
                Assert.Contains((await again.GetSourceGeneratedDocumentsAsync()), d => d.HintName.Contains("Regex", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task ANewFileARestoreACleanOrAChangedProjectFileLoadsWithMsBuildAgain()
    {
        await LoadAsync();
        Assert.True(FromCache(await LoadAsync()));

        var added = Path.Combine(_folder, "Lib", "Added.cs");
        File.WriteAllText(added, "namespace Lib; public static class Added { }");
        var afterAdd = await LoadAsync();
        Assert.False(FromCache(afterAdd));
        Assert.NotEmpty(afterAdd.Solution.GetDocumentIdsWithFilePath(added));
        Assert.True(FromCache(await LoadAsync()));
        // Back as it was (another branch checked out and back): the entry of that state is still there.
        File.Delete(added);
        var back = await LoadAsync();
        Assert.True(FromCache(back));
        Assert.Empty(back.Solution.GetDocumentIdsWithFilePath(added));
        File.WriteAllText(added, "namespace Lib; public static class Added { }");
        Assert.True(FromCache(await LoadAsync()));

        // A restore that resolved something else (a floating version) rewrites project.assets.json.
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "Lib", "obj", "project.assets.json"), DateTime.UtcNow.AddMinutes(1));
        Assert.False(FromCache(await LoadAsync()));
        Assert.True(FromCache(await LoadAsync()));

        // Build output a project reads (the analyzer config MSBuild writes for source generators) deleted by a clean.
        File.Delete(Assert.Single(Directory.GetFiles(Path.Combine(_folder, "Lib", "obj"), "*.GeneratedMSBuildEditorConfig.editorconfig", SearchOption.AllDirectories)));
        Assert.False(FromCache(await LoadAsync()));
        Assert.True(FromCache(await LoadAsync()));

        await AssertADefineInLibLoadsWithMsBuildAsync("EXTRA", LoadAsync);
        Assert.Contains(_logger.Messages, m => m.Message.Contains("out of date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADirectoryBuildPropsAboveTheFolderCounts()
    {
        var lib = Path.Combine(_folder, "Lib"); // a folder of the repository opened on its own
        var loader = new WorkspaceLoader(_logger) { DesignTimeCacheFolder = _cache.Path };
        await loader.LoadAsync(lib, _ => { }, CancellationToken.None);
        Assert.True(FromCache(await loader.LoadAsync(lib, _ => { }, CancellationToken.None)));

        File.WriteAllText(Path.Combine(_folder, "Directory.Build.props"),
            "<Project><PropertyGroup><DefineConstants>$(DefineConstants);ABOVE</DefineConstants></PropertyGroup></Project>");
        var outcome = await loader.LoadAsync(lib, _ => { }, CancellationToken.None);
        Assert.False(FromCache(outcome));
        Assert.Contains("ABOVE", outcome.Solution.Projects.Single(p => p.Name == "Lib").ParseOptions!.PreprocessorSymbolNames);
    }

    [Fact]
    public async Task AProjectOutsideTheFolderCounts()
    {
        // App's folder opened on its own, with a solution that lists ../Lib too.
        var app = Path.Combine(_folder, "App");
        File.WriteAllText(Path.Combine(app, "App.slnx"), "<Solution>\n  <Project Path=\"App.csproj\" />\n  <Project Path=\"../Lib/Lib.csproj\" />\n</Solution>\n");
        var loader = new WorkspaceLoader(_logger) { DesignTimeCacheFolder = _cache.Path };
        Task<LoadOutcome> Load() => loader.LoadAsync(app, _ => { }, CancellationToken.None);
        Assert.Contains((await Load()).Solution.Projects, p => p.Name == "Lib");
        Assert.True(FromCache(await Load()));

        File.WriteAllText(Path.Combine(_folder, "Lib", "Extra.cs"), "namespace Lib; public static class Extra { }");
        var afterAdd = await Load();
        Assert.False(FromCache(afterAdd));
        Assert.NotEmpty(afterAdd.Solution.GetDocumentIdsWithFilePath(Path.Combine(_folder, "Lib", "Extra.cs")));
        Assert.True(FromCache(await Load()));

        await AssertADefineInLibLoadsWithMsBuildAsync("OUTSIDE", Load);
    }

    [Fact]
    public async Task AnOutOfDateEntryMakesTheProvisionalSolution()
    {
        var built = await LoadAsync();
        // Since then: a new file in Lib (written after the entry) and one App leaves out (older than the entry).
        var excluded = Path.Combine(_folder, "App", "Excluded.cs");
        File.WriteAllText(excluded, "class Excluded { }");
        File.SetLastWriteTimeUtc(excluded, DateTime.UtcNow.AddDays(-1));
        var added = Path.Combine(_folder, "Lib", "Added.cs");
        File.WriteAllText(added, "namespace Lib; public static class Added { }");
        // And a package of Lib's removed from the machine since: the entry names a file that is gone.
        var entry = Assert.Single(Directory.GetFiles(_cache.Path, "*.json.gz"));
        System.Text.Json.Nodes.JsonNode json;
        using (var read = new System.IO.Compression.GZipStream(File.OpenRead(entry), System.IO.Compression.CompressionMode.Decompress))
            json = System.Text.Json.Nodes.JsonNode.Parse(read)!;
        var gone = Path.Combine(_folder, "gone", "Removed.Package.dll");
        foreach (var project in json["Projects"]!.AsArray().Where(p => (string?)p!["Name"] == "Lib"))
            project!["References"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["Path"] = gone, ["Kind"] = "Assembly", ["Aliases"] = new System.Text.Json.Nodes.JsonArray(), ["EmbedInteropTypes"] = false });
        using (var write = new System.IO.Compression.GZipStream(File.Create(entry), System.IO.Compression.CompressionLevel.Fastest))
            System.Text.Json.JsonSerializer.Serialize(write, json);

        using var workspace = new WorkspaceManager(_logger) { DesignTimeCacheFolder = _cache.Path };
        var quick = workspace.LoadProvisional([_folder]);
        Assert.StartsWith("the design-time cache", quick.From);
        var solution = quick.Solution;
        foreach (var project in built.Solution.Projects.Where(p => p.Language == LanguageNames.CSharp))
        {
            var again = solution.Projects.Single(p => p.Name == project.Name);
            Assert.Equal(project.MetadataReferences.OfType<PortableExecutableReference>().Select(r => r.FilePath).Order(),
                again.MetadataReferences.OfType<PortableExecutableReference>().Select(r => r.FilePath).Order());
            Assert.Equal(project.ParseOptions!.PreprocessorSymbolNames, again.ParseOptions!.PreprocessorSymbolNames);
            Assert.Empty(again.AnalyzerReferences); // a quick pass: no generators, no analyzers
            Assert.DoesNotContain(again.MetadataReferences, r => r.Display == gone);
            // A project with the framework only shows every diagnostic; Lib had a package (gone since).
            Assert.Equal(project.Name == "Lib", ProvisionalProjects.HasPackages(again));
        }
        Assert.Equal("Lib", solution.GetDocument(Assert.Single(solution.GetDocumentIdsWithFilePath(added)))!.Project.Name);
        Assert.StartsWith(WorkspaceLoader.LooseFilesName, solution.GetDocument(Assert.Single(solution.GetDocumentIdsWithFilePath(excluded)))!.Project.Name);
        var app = solution.Projects.Single(p => p.Name == "App");
        Assert.Equal(["Lib"], app.ProjectReferences.Select(r => solution.GetProject(r.ProjectId)!.Name));
    }

    [Fact]
    public async Task AProvisionalProjectWithPackagesFromTheCacheFiltersItsDiagnosticsAsSuch()
    {
        var folder = Fixtures.Copy("DowngradeAsError"); // a package that restores from the offline feed
        try
        {
            var built = await new WorkspaceLoader(_logger) { DesignTimeCacheFolder = _cache.Path }.LoadAsync(folder, _ => { }, CancellationToken.None);
            Assert.Contains(built.Solution.Projects.SelectMany(p => p.MetadataReferences).OfType<PortableExecutableReference>(),
                r => r.FilePath!.Contains("Microsoft.Extensions.DependencyInjection.Abstractions", StringComparison.OrdinalIgnoreCase));
            using var workspace = new WorkspaceManager(_logger) { DesignTimeCacheFolder = _cache.Path };
            var quick = workspace.LoadProvisional([folder]);
            Assert.StartsWith("the design-time cache", quick.From);
            Assert.True(ProvisionalProjects.HasPackages(quick.Solution.Projects.Single(p => p.Name == "DowngradeAsError")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ACorruptEntryIsReportedAndReplaced()
    {
        await LoadAsync();
        var entry = Assert.Single(Directory.GetFiles(_cache.Path, "*.json.gz"));
        File.WriteAllText(entry, "{ not json");
        var outcome = await LoadAsync();
        Assert.False(FromCache(outcome));
        Assert.Equal(3, outcome.Report.ProjectsLoaded);
        Assert.Contains(_logger.Messages, m => m.Level == NanoLsp.Logging.LogLevel.Warning && m.Message.Contains(entry, StringComparison.Ordinal));
        Assert.True(FromCache(await LoadAsync()));
    }

    [Fact]
    public async Task WhatAKilledWriterLeftIsRemovedAnHourLater()
    {
        Directory.CreateDirectory(_cache.Path);
        var orphan = Path.Combine(_cache.Path, "folders-0123456789abcdef.json.gz.4242.tmp");
        var writing = Path.Combine(_cache.Path, "folders-fedcba9876543210.json.gz.4343.tmp");
        File.WriteAllText(orphan, "half an entry");
        File.WriteAllText(writing, "half an entry");
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddHours(-2));

        await LoadAsync();
        Assert.Single(Directory.GetFiles(_cache.Path, "*.json.gz"));
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(writing)); // another server may be writing it now
    }

    [Fact]
    public async Task ALoadWithAProjectThatFailedIsNotKept()
    {
        File.WriteAllText(Path.Combine(_folder, "Tool", "Tool.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>");
        var outcome = await LoadAsync();
        Assert.NotEmpty(outcome.Report.Failed);
        Assert.Empty(Directory.GetFiles(_cache.Path, "*.json.gz"));
    }

    [Fact]
    public async Task AnalyzersInOddPlacesComeBackAsMsBuildGaveThem()
    {
        // One not built yet (MSBuild leaves its path relative and unresolved), one in a folder whose name has a space
        // and a comma (the compiler's command line splits an unquoted path at commas).
        var odd = Path.Combine(_folder, "My Analyzers, v1");
        Directory.CreateDirectory(odd);
        var copied = Path.Combine(odd, "Regex.Generator.dll");
        File.Copy((await LoadAsync()).Solution.Projects.SelectMany(p => p.AnalyzerReferences).Select(r => r.FullPath!)
            .First(f => f.EndsWith("System.Text.RegularExpressions.Generator.dll", StringComparison.Ordinal)), copied);
        var project = Path.Combine(_folder, "Lib", "Lib.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>",
            $"<ItemGroup><Analyzer Include=\"../NotBuilt/bin/Gen.dll\" /><Analyzer Include=\"{copied}\" /></ItemGroup></Project>"));

        var built = await LoadAsync();
        var cached = await LoadAsync();
        Assert.True(FromCache(cached), cached.Description + string.Join("\n", _logger.Messages.Select(m => m.Message)));
        var expected = built.Solution.Projects.Single(p => p.Name == "Lib").AnalyzerReferences;
        var again = cached.Solution.Projects.Single(p => p.Name == "Lib").AnalyzerReferences;
        Assert.Contains(expected, r => r.FullPath == copied);
        Assert.Contains(expected, r => r.FullPath!.Contains("NotBuilt", StringComparison.Ordinal));
        Assert.Equal(expected.Select(r => (r.FullPath, r.GetType().Name)).Order(), again.Select(r => (r.FullPath, r.GetType().Name)).Order());
    }

    private static List<string?> Paths(IEnumerable<TextDocument> documents) => documents.Select(d => d.FilePath).Order().ToList();

    private static List<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Id} {d.Severity} {d.Location.GetLineSpan()} {d.GetMessage()}").Order().ToList();
}
