namespace NanoLsp.Driver.Fuzz;

/// <summary>How the fuzz session sends a message and what it may expect back.</summary>
public enum FuzzSend
{
    /// <summary>A framed request with <see cref="FuzzMessage.Id"/>: it must get a result or an error.</summary>
    Request,

    /// <summary>A framed message that asks for nothing back (notification, response, or an id-less request body).</summary>
    Notification,

    /// <summary>Bytes written as they are (broken framing): the next <see cref="FuzzMessage.LostAfter"/> bytes the
    /// server reads may be taken as part of this one, so the generator follows it with a sacrificial notification.</summary>
    Raw,

    /// <summary>End of the session: shutdown was answered; send exit and expect the process to end with <see cref="FuzzMessage.Id"/> as its code.</summary>
    Exit,

    /// <summary>End of the session: close the server's stdin; it must exit within a second or two.</summary>
    CloseInput,
}

/// <summary>
/// One message of the generated traffic. <see cref="Bytes"/> is the frame body (or the raw bytes for
/// <see cref="FuzzSend.Raw"/>); the same seed gives the same messages, so a failure replays.
/// </summary>
public sealed record FuzzMessage(string Label, FuzzSend Send, byte[] Bytes, long Id = 0, int LostAfter = 0);
