namespace NanoLsp.Serve;

/// <summary>
/// How much of a growing completion a stream may send now. A stop string is matched on the text so far, so an end
/// that could begin one (and a half-written UTF-8 character, decoded as U+FFFD) is held back until the next token
/// decides it; the generation's final text then settles the rest. Hand-written: it is the server's own stop rule.
/// </summary>
public sealed class StreamHoldBack(IReadOnlyList<string> stop)
{
    public int Sent { get; private set; }

    /// <summary>The part of <paramref name="text"/> (the whole completion so far) safe to send that was not sent yet.</summary>
    public string Next(string text)
    {
        int safe = text.Length - HeldBack(text);
        if (safe <= Sent) return "";
        string delta = text[Sent..safe];
        Sent = safe;
        return delta;
    }

    /// <summary>What the final text adds to what was sent (the final text starts with everything sent).</summary>
    public string Rest(string finalText)
    {
        if (finalText.Length <= Sent) return "";
        string rest = finalText[Sent..];
        Sent = finalText.Length;
        return rest;
    }

    private int HeldBack(string text)
    {
        int held = 0;
        while (held < text.Length && text[^(held + 1)] == '\uFFFD') held++;
        foreach (string s in stop)
        {
            // The longest end of the text that is a proper start of this stop string.
            for (int n = Math.Min(s.Length - 1, text.Length); n > held; n--)
            {
                if (text.AsSpan(text.Length - n).SequenceEqual(s.AsSpan(0, n)))
                {
                    held = n;
                    break;
                }
            }
        }
        return held;
    }
}
