using System.Text.RegularExpressions;

namespace NanoLsp.Workspace;

/// <summary>
/// Reads `dotnet restore` output into one line per project ("NU1101: NanoLsp.Fixture.NotOnAnyFeed"),
/// so the user hears once which project misses which packages, instead of a 2000-character tail.
/// </summary>
public static partial class RestoreFailures
{
    /// <summary>Project path -> its distinct problems (code and package, or the message).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Parse(string output)
    {
        var byProject = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (Match match in ProblemLine().Matches(output))
        {
            // Warnings (NU1603: a nearby version was taken) leave the project whole.
            // NU1102 continues on lines of its own ("error NU1102:   - Found 2 version(s) in ..."): the first line says it.
            if (match.Groups["level"].Value != "error" || match.Groups["message"].Value.TrimStart().StartsWith('-'))
                continue;
            var project = match.Groups["project"].Value.Trim();
            var code = match.Groups["code"].Value;
            var message = match.Groups["message"].Value.Trim();
            var package = PackageName().Match(message) is { Success: true } p ? p.Groups[1].Value.TrimEnd('.') : Shorten(message);
            if (!byProject.TryGetValue(project, out var list))
                byProject[project] = list = [];
            var entry = $"{code}: {package}";
            if (!list.Contains(entry))
                list.Add(entry);
        }
        return byProject.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..117] + "..." : text;

    // "/path/X.csproj : error NU1101: Unable to find package Foo. No packages exist ..."
    [GeneratedRegex(@"^\s*(?<project>[^\r\n]+?\.(?:cs|fs|vb)proj)\s*:\s*(?<level>error|warning)\s+(?<code>NU\d{4}):\s*(?<message>[^\r\n]*?)(?:\s+\[[^\]\r\n]*\])?\s*$", RegexOptions.Multiline)]
    private static partial Regex ProblemLine();

    // NU1101 "Unable to find package X.", NU1102 "Unable to find package X with version ...",
    // NU1605 "Detected package downgrade: X from 10.0.0 to 9.0.0".
    [GeneratedRegex(@"(?:Unable to find package|package downgrade:)\s+([\w.\-]+(?:\s+from\s+[\w.\-]+\s+to\s+[\w.\-]+)?)")]
    private static partial Regex PackageName();
}
