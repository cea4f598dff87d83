using NanoLsp.Tests.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Workspace;

/// <summary>The pure parts of a load: global.json pins, restore output, solution files, the user's message.</summary>
public sealed class LoadInputsTests : IDisposable
{
    private readonly TemporaryFolder _root = new("nanolsp-inputs-");

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("10.0.100", "10.0.401;9.0.300;11.0.100", "10.0.401")]
    [InlineData("8.0.100", "10.0.401;9.0.300", "10.0.401")]
    [InlineData("9.0.999", "10.0.401;9.0.300;9.0.100", "9.0.300")]
    [InlineData("10.0.100-rc.1.25451.107", "10.0.401", "10.0.401")]
    public void AMissingPinnedSdkFallsBackToTheNewestOfItsMajorElseTheNewest(string pinned, string installed, string expected) =>
        Assert.Equal(Version.Parse(expected), SdkPin.ChooseFallback(pinned, installed.Split(';').Select(Version.Parse)));

    [Fact]
    public void TheNearestGlobalJsonWithAnSdkVersionIsThePin()
    {
        var root = _root.Path;
        var inner = Directory.CreateDirectory(Path.Combine(root, "src", "Lib")).FullName;
        File.WriteAllText(Path.Combine(root, "global.json"), """{ "sdk": { "version": "10.0.100", "rollForward": "latestPatch" } }""");
        var pin = SdkPin.Find(inner);
        Assert.Equal(new SdkPin(Path.Combine(root, "global.json"), "10.0.100", "latestPatch"), pin);

        // A nearer global.json without an SDK pins nothing (hostfxr stops at the first one as well).
        File.WriteAllText(Path.Combine(root, "src", "global.json"), """{ "msbuild-sdks": { "Foo": "1.0.0" } }""");
        Assert.Null(SdkPin.Find(inner));
    }

    [Fact]
    public void RestoreErrorsAreReadPerProjectWithTheirPackagesAndWarningsLeftOut()
    {
        const string output = """
              Determining projects to restore...
            /r/src/App/App.csproj : warning NU1603: App depends on Foo (>= 1.0.0) but Foo 1.0.0 was not found. Foo 1.0.1 was resolved instead. [/r/All.sln]
            /r/src/App/App.csproj : error NU1101: Unable to find package NanoLsp.Fixture.NotOnAnyFeed. No packages exist with this id in source(s): local [/r/All.sln]
            /r/src/App/App.csproj : error NU1101: Unable to find package NanoLsp.Fixture.NotOnAnyFeed. No packages exist with this id in source(s): local [/r/All.sln]
            /r/bench/Bench.csproj : error NU1102: Unable to find package BenchmarkDotNet with version (>= 99.0.0) [/r/All.sln]
            /r/bench/Bench.csproj : error NU1102:   - Found 12 version(s) in local [ Nearest version: 0.15.8 ] [/r/All.sln]
              Failed to restore /r/src/App/App.csproj (in 1.2 sec).
            """;
        var parsed = RestoreFailures.Parse(output);
        Assert.Equal(["NU1101: NanoLsp.Fixture.NotOnAnyFeed"], parsed["/r/src/App/App.csproj"]);
        Assert.Equal(["NU1102: BenchmarkDotNet"], parsed["/r/bench/Bench.csproj"]);
        Assert.Equal(2, parsed.Count);
    }

    [Fact]
    public void SolutionProjectsAreReadFromSlnAndSlnxAsAbsoluteCSharpProjectPaths()
    {
        var root = _root.Path;
        File.WriteAllText(Path.Combine(root, "A.sln"), """
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Lib", "src\Lib\Lib.csproj", "{7FCEDFCE-6F57-4BAC-9D79-8318C5F2657E}"
            EndProject
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "docs", "docs", "{B0BAD500-D8F3-49E5-B7BC-8CA6BDD1EF71}"
            EndProject
            Project("{F2A71F9B-5D33-465A-A702-920D77279786}") = "Fs", "src\Fs\Fs.fsproj", "{2BE10DFB-93A6-4746-82CA-EF139F86AF2A}"
            EndProject
            """);
        File.WriteAllText(Path.Combine(root, "B.slnx"), """
            <Solution>
              <Folder Name="/src/"><Project Path="src/Lib/Lib.csproj" /></Folder>
              <Project Path="tests/Lib.Tests/Lib.Tests.csproj" />
            </Solution>
            """);
        Assert.Equal([Path.Combine(root, "src", "Lib", "Lib.csproj")], SolutionProjects.Read(Path.Combine(root, "A.sln")));
        Assert.Equal([Path.Combine(root, "src", "Lib", "Lib.csproj"), Path.Combine(root, "tests", "Lib.Tests", "Lib.Tests.csproj")],
            SolutionProjects.Read(Path.Combine(root, "B.slnx")));
    }

    [Fact]
    public void TheUserIsToldOnceWhichProjectsFailedAndWhichLoadedWithProblems()
    {
        var report = new LoadReport(4, 3, [new ProjectProblem("bench/Bench.csproj", "restore NU1102: BenchmarkDotNet")],
            [new ProjectProblem("src/App/App.csproj", "restore NU1101: Foo")], null, 7);
        Assert.Equal("partial", report.State);
        var message = report.UserMessage()!;
        Assert.Contains("1 of 4 project(s) did not load (served as their project files say, without MSBuild: no packages): bench/Bench.csproj (restore NU1102: BenchmarkDotNet)", message);
        Assert.Contains("src/App/App.csproj (restore NU1101: Foo)", message);
        Assert.Contains("7 .cs file(s)", message);
        Assert.Null((report with { Failed = [], Incomplete = [] }).UserMessage());
        Assert.Equal("loaded", (report with { Failed = [], Incomplete = [], ProjectsLoaded = 4 }).State);
    }

    [Fact]
    public void ProgressCountsProjects()
    {
        var progress = new LoadProgress("Loading App.csproj", 1, 4);
        Assert.Equal(25, progress.Percentage);
        Assert.Equal("Loading App.csproj (1/4 projects)", progress.ToString());
        Assert.Null(new LoadProgress("Restoring", 0, 0).Percentage);
    }
}
