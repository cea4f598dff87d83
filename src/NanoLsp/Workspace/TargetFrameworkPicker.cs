using System.Text.RegularExpressions;

namespace NanoLsp.Workspace;

/// <summary>
/// For a multi-targeting project, MSBuildWorkspace needs one TargetFramework as a global property
/// (otherwise "Project does not contain 'Compile' target"): take the newest the SDK can build.
/// </summary>
public static partial class TargetFrameworkPicker
{
    public static string? Pick(IEnumerable<string> frameworks, int sdkMajor)
    {
        return frameworks
            .Select(f => f.Trim())
            .Where(f => f.Length > 0)
            .Select(f => (Name: f, Rank: Rank(f, sdkMajor)))
            .Where(f => f.Rank is not null)
            .OrderByDescending(f => f.Rank!.Value.Family)
            .ThenByDescending(f => f.Rank!.Value.Version)
            .Select(f => f.Name)
            .FirstOrDefault();
    }

    /// <summary>The TargetFrameworks of a project file's text, or empty when it targets one framework.</summary>
    public static IReadOnlyList<string> ReadTargetFrameworks(string projectXml)
    {
        var match = TargetFrameworksElement().Match(projectXml);
        return match.Success ? match.Groups[1].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
    }

    // Family: modern .NET (net5+) over .NET Core over .NET Standard over .NET Framework.
    private static (int Family, Version Version)? Rank(string tfm, int sdkMajor)
    {
        var match = Tfm().Match(tfm);
        if (!match.Success)
            return null;
        var kind = match.Groups[1].Value;
        var digits = match.Groups[2].Value;
        if (kind == "net" && digits.Contains('.'))
        {
            var version = Version.Parse(digits);
            return version.Major <= sdkMajor ? (3, version) : null;
        }
        if (kind == "netcoreapp")
            return (2, Version.Parse(digits));
        if (kind == "netstandard")
            return (1, Version.Parse(digits));
        // net48, net472: .NET Framework, written without dots.
        return (0, new Version(digits[0] - '0', digits.Length > 1 ? digits[1] - '0' : 0));
    }

    [GeneratedRegex(@"^(net|netcoreapp|netstandard)(\d+(?:\.\d+)?)(?:-[\w.]+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Tfm();

    [GeneratedRegex(@"<TargetFrameworks>\s*([^<]+?)\s*</TargetFrameworks>", RegexOptions.IgnoreCase)]
    private static partial Regex TargetFrameworksElement();
}
