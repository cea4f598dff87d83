using NanoLsp.Protocol;

namespace NanoLsp.Workspace;

/// <summary>file:// URI &lt;-&gt; local path, in one place (clients percent-encode differently; paths are the key).</summary>
public static class DocumentUris
{
    public static string ToPath(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
            throw LspException.InvalidParams($"'{uri}' is not a file:// URI; NanoLsp serves files on disk only.");
        return Path.GetFullPath(parsed.LocalPath);
    }

    public static bool TryToPath(string uri, out string path)
    {
        path = "";
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
            return false;
        path = Path.GetFullPath(parsed.LocalPath);
        return true;
    }

    public static string FromPath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
}
