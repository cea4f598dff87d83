using System.Text.Json.Serialization;

namespace NanoLsp.Protocol;

/// <summary>
/// nanolsp/workspaceStatus: sent after each workspace load. <c>state</c> is <c>loaded</c>, <c>partial</c>
/// (some project did not load, or loaded without some packages, or the pinned SDK was missing),
/// <c>failed</c> (no project loaded: the folder is served as loose files) or <c>loose</c> (no project).
/// </summary>
public sealed record WorkspaceStatusParams(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("projectsFound")] int ProjectsFound,
    [property: JsonPropertyName("projectsLoaded")] int ProjectsLoaded,
    [property: JsonPropertyName("projectsFailed")] int ProjectsFailed,
    [property: JsonPropertyName("failures")] IReadOnlyList<WorkspaceProjectProblem> Failures,
    [property: JsonPropertyName("looseFiles")] int LooseFiles);

/// <summary>A project that did not load (or loaded incomplete) and why.</summary>
public sealed record WorkspaceProjectProblem(
    [property: JsonPropertyName("project")] string Project,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("loaded")] bool Loaded);
