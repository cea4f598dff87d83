namespace NanoLsp.Eval;

/// <summary>
/// The user of the typing-session metric (training/eval/score.py, <c>typing</c>), so that eval asks at the cursor
/// positions that user reaches, in their order, as an editor would: each typing case (id <c>SET/typing/LINE/POS</c>,
/// one per position of a line) is visited only if the user gets there; a suggestion that is exactly what comes next
/// and at least two characters long is taken with one Tab (the cursor jumps past it), otherwise one character is
/// typed. The server then sees the session's real history: what it showed and whether the user took it or typed
/// into it (TypingAlongCache). score.py replays the same rule over the predictions, so it reads exactly the
/// positions visited here.
/// </summary>
internal sealed class TypingSessionReplay
{
    private readonly Dictionary<string, int> _next = [];

    /// <summary>Whether the session reaches this case (every case that is not a typing-session position does).</summary>
    public bool Visits(EvalCase c) => !TryParse(c.Id, out string line, out int position) || position >= _next.GetValueOrDefault(line);

    /// <summary>The user sees <paramref name="shown"/> at the case's position and takes it or types on.</summary>
    public void Saw(EvalCase c, string? shown)
    {
        if (!TryParse(c.Id, out string line, out int position)) return;
        bool taken = shown is { Length: >= 2 } && c.Expected is { } next && next.StartsWith(shown, StringComparison.Ordinal);
        _next[line] = position + (taken ? shown!.Length : 1);
    }

    private static bool TryParse(string id, out string line, out int position)
    {
        var parts = id.Split('/');
        line = parts.Length == 4 && parts[1] == "typing" ? $"{parts[0]}/{parts[2]}" : "";
        position = 0;
        return line.Length > 0 && int.TryParse(parts[3], out position);
    }
}
