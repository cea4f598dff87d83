using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;
using LspDiagnostic = NanoLsp.Protocol.Diagnostic;
using RoslynDiagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace NanoLsp.Features.Diagnostics;

/// <summary>The one conversion from a Roslyn diagnostic to an LSP one (push, pull and code actions all use it).</summary>
public static class DiagnosticConverter
{
    /// <summary>Obsolete-member warnings: shown struck through (LSP "deprecated").</summary>
    private static readonly HashSet<string> DeprecatedIds = ["CS0612", "CS0618", "CS0619", "CS1062", "CS1064"];

    /// <summary>
    /// Hidden diagnostics are dropped except those tagged unnecessary (an unused using, CS8019), which
    /// editors fade out; so the LSP list is what a user should see.
    /// </summary>
    public static bool IsShown(RoslynDiagnostic diagnostic) =>
        diagnostic.Severity != Microsoft.CodeAnalysis.DiagnosticSeverity.Hidden
        || diagnostic.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.Unnecessary);

    public static LspDiagnostic ToLsp(RoslynDiagnostic diagnostic, SourceText text)
    {
        var range = diagnostic.Location.IsInSource
            ? ProtocolConversions.ToRange(text, ClampSpan(diagnostic.Location.SourceSpan, text.Length))
            : new Protocol.Range(new Position(0, 0), new Position(0, 0));
        var tags = new List<DiagnosticTag>();
        if (diagnostic.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.Unnecessary))
            tags.Add(DiagnosticTag.Unnecessary);
        if (DeprecatedIds.Contains(diagnostic.Id))
            tags.Add(DiagnosticTag.Deprecated);
        var link = HelpLink(diagnostic);
        return new LspDiagnostic(
            range,
            diagnostic.GetMessage(),
            ToSeverity(diagnostic.Severity),
            diagnostic.Id,
            link is null ? null : new CodeDescription(link),
            diagnostic.Descriptor.Category == "Compiler" ? "csharp" : "csharp-analyzer",
            tags.Count > 0 ? tags : null);
    }

    public static Protocol.DiagnosticSeverity ToSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity severity) => severity switch
    {
        Microsoft.CodeAnalysis.DiagnosticSeverity.Error => Protocol.DiagnosticSeverity.Error,
        Microsoft.CodeAnalysis.DiagnosticSeverity.Warning => Protocol.DiagnosticSeverity.Warning,
        Microsoft.CodeAnalysis.DiagnosticSeverity.Info => Protocol.DiagnosticSeverity.Information,
        _ => Protocol.DiagnosticSeverity.Hint,
    };

    /// <summary>Compiler errors get their learn.microsoft.com page; analyzers their own help link when it is a web page.</summary>
    public static string? HelpLink(RoslynDiagnostic diagnostic)
    {
        var id = diagnostic.Id;
        if (id.Length == 6 && id.StartsWith("CS", StringComparison.Ordinal) && id[2..].All(char.IsAsciiDigit))
            return $"https://learn.microsoft.com/dotnet/csharp/misc/{id.ToLowerInvariant()}";
        var uri = diagnostic.Descriptor.HelpLinkUri;
        return Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http" ? uri : null;
    }

    private static TextSpan ClampSpan(TextSpan span, int length) =>
        TextSpan.FromBounds(Math.Min(span.Start, length), Math.Min(span.End, length));
}
