using System.Text.RegularExpressions;

namespace NanoLsp.Workspace;

/// <summary>
/// Ranks target frameworks: the newest the SDK can build wins (modern .NET over .NET Core over .NET
/// Standard over .NET Framework). Used to answer from the best framework of a multi-targeting project.
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

    /// <summary>"net8.0" from MSBuildWorkspace's name for one framework of a multi-targeting project, "Lib(net8.0)".</summary>
    public static string? FrameworkOfProjectName(string? name)
    {
        if (name is null || !name.EndsWith(')'))
            return null;
        var open = name.LastIndexOf('(');
        return open < 0 ? null : name[(open + 1)..^1];
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
