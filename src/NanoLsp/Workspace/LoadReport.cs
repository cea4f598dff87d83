namespace NanoLsp.Workspace;

/// <summary>A step of a workspace load, with counts of projects (the Server side maps it to $/progress).</summary>
public sealed record LoadProgress(string Message, int ProjectsDone, int ProjectsTotal)
{
    public int? Percentage => ProjectsTotal > 0 ? Math.Clamp(100 * ProjectsDone / ProjectsTotal, 0, 100) : null;

    public override string ToString() => ProjectsTotal > 0 ? $"{Message} ({ProjectsDone}/{ProjectsTotal} projects)" : Message;
}

/// <summary>A project that did not load, or loaded without some of what it needs, and why.</summary>
public sealed record ProjectProblem(string Project, string Reason);

/// <summary>
/// What a load found and what came of it: the user is told once (which project, which packages,
/// which SDK), and an editor's status says "partial" when anything is missing.
/// </summary>
public sealed record LoadReport(
    int ProjectsFound,
    int ProjectsLoaded,
    IReadOnlyList<ProjectProblem> Failed,
    IReadOnlyList<ProjectProblem> Incomplete,
    string? SdkWarning,
    int LooseFiles)
{
    public static readonly LoadReport None = new(0, 0, [], [], null, 0);

    public bool IsPartial => Failed.Count > 0 || Incomplete.Count > 0 || SdkWarning is not null;

    public string State => ProjectsFound == 0 ? "loose" : ProjectsLoaded == 0 ? "failed" : IsPartial ? "partial" : "loaded";

    /// <summary>One message for the user, or null when everything loaded as the repository's own build would.</summary>
    public string? UserMessage()
    {
        var parts = new List<string>();
        if (SdkWarning is not null)
            parts.Add(SdkWarning);
        if (Failed.Count > 0)
            parts.Add($"{Failed.Count} of {ProjectsFound} project(s) did not load (served as their project files say, without MSBuild: no packages): "
                + string.Join("; ", Failed.Select(f => $"{f.Project} ({f.Reason})")));
        if (Incomplete.Count > 0)
            parts.Add($"{Incomplete.Count} project(s) loaded with problems (answers may miss what these lack): " + string.Join("; ", Incomplete.Select(f => $"{f.Project} ({f.Reason})")));
        if (parts.Count > 0 && LooseFiles > 0)
            parts.Add($"{LooseFiles} .cs file(s) in no loaded project are served as loose files");
        return parts.Count == 0 ? null : string.Join(". ", parts) + ".";
    }
}
