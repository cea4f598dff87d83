using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace NanoLsp.Model;

/// <summary>
/// Byte-level BPE (GPT-2 style) over the model's vocab.json + merges.txt, read with
/// Microsoft.ML.Tokenizers. Adds what the engine needs and the library does not expose:
/// the raw bytes of every token (token healing and logit masks work on bytes, because a token
/// may hold half of a UTF-8 character) and the special-token ids.
/// </summary>
public sealed class NanoTokenizer
{
    // GPT-2's pre-tokenizer pattern; training/tokenizer.py uses the same one.
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private readonly BpeTokenizer _bpe;
    private readonly byte[][] _tokenBytes;   // (vocab) -> UTF-8 bytes of the token
    private readonly bool[] _extendable;     // (vocab) -> some longer token starts with this token's bytes

    public int VocabSize => _tokenBytes.Length;
    public int EndOfText { get; }
    public int FimPrefix { get; }
    public int FimSuffix { get; }
    public int FimMiddle { get; }
    public int FileSeparator { get; }

    public NanoTokenizer(ModelManifest manifest)
    {
        Dictionary<string, int> vocab;
        try
        {
            vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(manifest.VocabPath))
                    ?? throw new ModelException($"{manifest.VocabPath} is empty.");
        }
        catch (JsonException e)
        {
            throw new ModelException($"{manifest.VocabPath} is not a JSON object of token -> id: {e.Message}", e);
        }

        var special = new Dictionary<string, int>();
        foreach (string token in manifest.SpecialTokens.All)
        {
            if (!vocab.TryGetValue(token, out int id))
                throw new ModelException($"Special token {token} is not in {manifest.VocabPath}.");
            special[token] = id;
        }
        EndOfText = special[manifest.SpecialTokens.EndOfText];
        FimPrefix = special[manifest.SpecialTokens.FimPrefix];
        FimSuffix = special[manifest.SpecialTokens.FimSuffix];
        FimMiddle = special[manifest.SpecialTokens.FimMiddle];
        FileSeparator = special[manifest.SpecialTokens.FileSeparator];

        try
        {
            _bpe = BpeTokenizer.Create(new BpeOptions(manifest.VocabPath, manifest.MergesPath)
            {
                ByteLevel = true,
                SpecialTokens = special,
                PreTokenizer = new RegexPreTokenizer(new Regex(Gpt2Pattern, RegexOptions.Compiled), special),
            });
        }
        catch (Exception e) when (e is not ModelException)
        {
            throw new ModelException($"Cannot read the tokenizer ({manifest.VocabPath}, {manifest.MergesPath}): {e.Message}", e);
        }

        int size = Math.Max(manifest.VocabSize, vocab.Values.Max() + 1);
        _tokenBytes = new byte[size][];
        for (int i = 0; i < size; i++) _tokenBytes[i] = [];
        var unicodeToByte = ByteLevelAlphabet();
        foreach (var (token, id) in vocab)
        {
            _tokenBytes[id] = special.ContainsKey(token)
                ? Encoding.UTF8.GetBytes(token)
                : token.Select(c => unicodeToByte.TryGetValue(c, out byte b)
                    ? b
                    : throw new ModelException($"Token '{token}' in {manifest.VocabPath} is not in the byte-level alphabet.")).ToArray();
        }

        // Answered once per token here: the set of every proper prefix (19,278 strings for the shipped vocabulary, 1.2 MB)
        // is needed only to build the answers, not for the life of the server.
        var properPrefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bytes in _tokenBytes)
            for (int n = 1; n < bytes.Length; n++)
                properPrefixes.Add(Encoding.Latin1.GetString(bytes, 0, n));
        _extendable = new bool[size];
        for (int id = 0; id < size; id++)
            _extendable[id] = properPrefixes.Contains(Encoding.Latin1.GetString(_tokenBytes[id]));
    }

    public int[] Encode(string text) => _bpe.EncodeToIds(text).ToArray();

    public string Decode(IEnumerable<int> ids) => _bpe.Decode(ids) ?? "";

    /// <summary>The raw bytes a token stands for (special tokens: their UTF-8 text).</summary>
    public ReadOnlySpan<byte> TokenBytes(int id) => _tokenBytes[id];

    public bool IsSpecial(int id) =>
        id == EndOfText || id == FimPrefix || id == FimSuffix || id == FimMiddle || id == FileSeparator;

    /// <summary>True when some longer token starts with this token's bytes: a prompt ending in it
    /// may end mid-token, so token healing should back up over it.</summary>
    public bool CanBeExtended(int id) => !IsSpecial(id) && _extendable[id];

    // GPT-2's bytes_to_unicode: printable bytes map to themselves, the others to U+0100 upwards.
    // Hand-written because Microsoft.ML.Tokenizers keeps its copy internal.
    private static Dictionary<char, byte> ByteLevelAlphabet()
    {
        var map = new Dictionary<char, byte>();
        int next = 256;
        for (int b = 0; b < 256; b++)
        {
            bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[printable ? (char)b : (char)next++] = (byte)b;
        }
        return map;
    }
}
