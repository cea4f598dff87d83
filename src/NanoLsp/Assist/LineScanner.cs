namespace NanoLsp.Assist;

/// <summary>
/// Tells whether the end of one line of C# is code, and where that stretch of code starts: the line
/// start, or the last open interpolation hole (<c>$"total: {order.</c>). Hand-written because Roslyn's
/// lexer returns an interpolated string as one token and does not expose its holes.
/// </summary>
internal static class LineScanner
{
    private enum State { Code, String, Verbatim, Char, Interpolated, VerbatimInterpolated, Raw }

    /// <summary>(true, start of the code) when the line ends in code; (false, -1) inside a literal or comment.</summary>
    public static (bool InCode, int CodeStart) Scan(string line)
    {
        var stack = new Stack<(State State, int Depth, int CodeStart)>(); // enclosing interpolated strings
        var state = State.Code;
        int depth = 0, codeStart = 0;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            char next = i + 1 < line.Length ? line[i + 1] : '\0';
            switch (state)
            {
                case State.Code:
                    if (c == '/' && next == '/') return (false, -1);
                    if (c == '/' && next == '*')
                    {
                        int close = line.IndexOf("*/", i + 2, StringComparison.Ordinal);
                        if (close < 0) return (false, -1);
                        i = close + 1;
                    }
                    else if (c == '"' && next == '"' && i + 2 < line.Length && line[i + 2] == '"') { state = State.Raw; i += 2; }
                    else if (c == '"') state = State.String;
                    else if (c == '\'') state = State.Char;
                    else if (c == '@' && next == '"') { state = State.Verbatim; i++; }
                    else if (c == '$' || (c == '@' && next == '$'))
                    {
                        int j = i;
                        while (j < line.Length && line[j] is '$' or '@') j++;
                        if (j < line.Length && line[j] == '"')
                        {
                            stack.Push((state, depth, codeStart));
                            state = line[i..j].Contains('@') ? State.VerbatimInterpolated : State.Interpolated;
                            i = j;
                        }
                    }
                    else if (c == '{') depth++;
                    else if (c == '}')
                    {
                        if (depth == 0 && stack.Count > 0 && InHole(stack))
                        {
                            var hole = stack.Pop();
                            state = hole.State;
                            depth = hole.Depth;
                            codeStart = hole.CodeStart;
                        }
                        else depth--;
                    }
                    break;
                case State.String:
                    if (c == '\\') i++;
                    else if (c == '"') state = State.Code;
                    break;
                case State.Char:
                    if (c == '\\') i++;
                    else if (c == '\'') state = State.Code;
                    break;
                case State.Verbatim:
                    if (c == '"' && next == '"') i++;
                    else if (c == '"') state = State.Code;
                    break;
                case State.Raw:
                    if (c == '"' && next == '"' && i + 2 < line.Length && line[i + 2] == '"') { state = State.Code; i += 2; }
                    break;
                case State.Interpolated or State.VerbatimInterpolated:
                    bool verbatim = state == State.VerbatimInterpolated;
                    if (!verbatim && c == '\\') i++;
                    else if (verbatim && c == '"' && next == '"') i++;
                    else if (c == '{' && next == '{') i++;
                    else if (c == '"')
                    {
                        var outer = stack.Pop();
                        (state, depth, codeStart) = (outer.State, outer.Depth, outer.CodeStart);
                    }
                    else if (c == '{')
                    {
                        // Into a hole: code again until its matching '}'.
                        stack.Push((state, depth, codeStart));
                        stack.Push((State.Code, -1, -1)); // marks "the '}' at depth 0 closes a hole"
                        state = State.Code;
                        depth = 0;
                        codeStart = i + 1;
                    }
                    break;
            }
        }
        return state == State.Code ? (true, codeStart) : (false, -1);
    }

    private static bool InHole(Stack<(State State, int Depth, int CodeStart)> stack)
    {
        if (stack.Peek() is not (State.Code, -1, -1)) return false;
        stack.Pop();
        return true;
    }
}
