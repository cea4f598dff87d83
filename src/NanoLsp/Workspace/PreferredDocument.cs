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
}
