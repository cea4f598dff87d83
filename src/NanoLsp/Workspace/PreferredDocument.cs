using Microsoft.CodeAnalysis;

namespace NanoLsp.Workspace;

/// <summary>
/// Which document answers for a path. A file of a multi-targeting project is a document of each
/// framework's project ("Lib(net8.0)", "Lib(netstandard2.0)"): answer from the newest framework, as
/// the build an editor shows would; a file only one framework compiles has that one document.
/// </summary>
public static class PreferredDocument
{
    public static Document? Find(Solution solution, string path)
    {
        var ids = solution.GetDocumentIdsWithFilePath(path);
        if (ids.Length <= 1)
            return ids.IsEmpty ? null : solution.GetDocument(ids[0]);
        var byFramework = ids.Select(id => (Id: id, Framework: TargetFrameworkPicker.FrameworkOfProjectName(solution.GetProject(id.ProjectId)?.Name))).ToList();
        var best = TargetFrameworkPicker.Pick(byFramework.Select(d => d.Framework).OfType<string>(), int.MaxValue);
        return solution.GetDocument(byFramework.FirstOrDefault(d => d.Framework == best).Id ?? ids[0]);
    }

    /// <summary>
    /// The document in a view of its solution without the other frameworks' projects, for the features that answer
    /// from one framework. Roslyn's quick info and completion bind a linked file in every project that has it (to say
    /// which frameworks lack a symbol): after an edit in JoshClose/CsvHelper (seven frameworks) quick info took 52-105
    /// ms, alone 1-18 ms. The view costs well under a millisecond and keeps the document's compilation. Code actions
    /// run on it too and describe their edit against it: each file is edited once, not once per framework.
    /// </summary>
    public static Document Alone(Document document)
    {
        var linked = document.GetLinkedDocumentIds();
        if (linked.IsEmpty)
            return document;
        var solution = document.Project.Solution;
        // A file linked into a project this one references (a shared source file) stays: removing that project would
        // change this one's compilation.
        var needed = solution.GetProjectDependencyGraph().GetProjectsThatThisProjectTransitivelyDependsOn(document.Project.Id);
        foreach (var project in linked.Select(id => id.ProjectId).Distinct())
        {
            if (project != document.Project.Id && !needed.Contains(project))
                solution = solution.RemoveProject(project);
        }
        return solution.GetDocument(document.Id) ?? document;
    }
}
