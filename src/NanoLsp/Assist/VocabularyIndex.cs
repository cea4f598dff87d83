using System.Runtime.CompilerServices;
using System.Text;
using NanoLsp.Model;

namespace NanoLsp.Assist;

/// <summary>
/// Per-token facts the monitors need on every step, computed once per tokenizer instance: the run of
/// identifier bytes a token starts with (after one optional leading space), kept as a Latin-1 string
/// so it can be looked up in name sets built the same way. Bytes are used, not text, because a token
/// may hold half of a UTF-8 character.
/// </summary>
internal sealed class VocabularyIndex
{
    private static readonly ConditionalWeakTable<NanoTokenizer, VocabularyIndex> Cache = new();

    public readonly string[] IdentRun;        // (vocab) leading identifier bytes
    public readonly bool[] AllIdent;          // (vocab) the token is identifier bytes only
    public readonly string?[] SpaceIdentRun;  // (vocab) identifier bytes after exactly one leading space, null if no leading space
    public readonly bool[] SpaceAllIdent;     // (vocab) " " + identifier bytes only
    public readonly byte[] FirstByte;         // (vocab) 0 for empty tokens
    public readonly bool[] Special;           // (vocab)
    public int Size => IdentRun.Length;

    private VocabularyIndex(NanoTokenizer tokenizer)
    {
        int n = tokenizer.VocabSize;
        IdentRun = new string[n];
        AllIdent = new bool[n];
        SpaceIdentRun = new string?[n];
        SpaceAllIdent = new bool[n];
        FirstByte = new byte[n];
        Special = new bool[n];
        for (int id = 0; id < n; id++)
        {
            var bytes = tokenizer.TokenBytes(id);
            Special[id] = tokenizer.IsSpecial(id);
            FirstByte[id] = bytes.IsEmpty ? (byte)0 : bytes[0];
            int run = IdentLength(bytes);
            IdentRun[id] = Encoding.Latin1.GetString(bytes[..run]);
            AllIdent[id] = run == bytes.Length && run > 0;
            if (bytes.Length > 1 && bytes[0] == (byte)' ')
            {
                int spaceRun = IdentLength(bytes[1..]);
                SpaceIdentRun[id] = Encoding.Latin1.GetString(bytes.Slice(1, spaceRun));
                SpaceAllIdent[id] = spaceRun == bytes.Length - 1 && spaceRun > 0;
            }
        }
    }

    public static VocabularyIndex For(NanoTokenizer tokenizer) => Cache.GetValue(tokenizer, t => new VocabularyIndex(t));

    /// <summary>ASCII letters, digits, '_' and every non-ASCII byte (C# identifiers may hold any
    /// Unicode letter; being lenient there never blocks a real name).</summary>
    public static bool IsIdentByte(byte b) => b >= 0x80 || b == (byte)'_' || (b >= (byte)'0' && b <= (byte)'9')
        || (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z');

    private static int IdentLength(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length && IsIdentByte(bytes[i])) i++;
        return i;
    }

    /// <summary>A name in the same Latin-1-of-UTF-8 form as the token runs.</summary>
    public static string Key(string name) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(name));
}
