using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NanoLsp.Workspace;

/// <summary>
/// The C# project files a .sln or .slnx lists (absolute paths, in the file's order). Read here rather
/// than through MSBuild's SolutionFile so that projects can be opened one at a time: one that fails
/// then takes no other down, and one already brought in as a reference is not opened twice.
/// </summary>
public static partial class SolutionProjects
{
    public static IReadOnlyList<string> Read(string solutionPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(solutionPath))!;
        var text = File.ReadAllText(solutionPath);
        IEnumerable<string> relative = solutionPath.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
            ? XDocument.Parse(text).Descendants().Where(e => e.Name.LocalName == "Project").Select(e => (string?)e.Attribute("Path")).OfType<string>()
            : SlnProject().Matches(text).Select(m => m.Groups[1].Value);
        return relative
            .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .Select(p => Path.GetFullPath(Path.Combine(folder, p.Replace('\\', Path.DirectorySeparatorChar))))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\)\s*=\s*""[^""]*""\s*,\s*""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex SlnProject();
}
