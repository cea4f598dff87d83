using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoLsp.Model;

/// <summary>Special-token strings; each must be an entry of vocab.json.</summary>
public sealed record SpecialTokens(
    [property: JsonPropertyName("end_of_text")] string EndOfText,
    [property: JsonPropertyName("fim_prefix")] string FimPrefix,
    [property: JsonPropertyName("fim_suffix")] string FimSuffix,
    [property: JsonPropertyName("fim_middle")] string FimMiddle,
    [property: JsonPropertyName("file_separator")] string FileSeparator)
{
    public IEnumerable<string> All => [EndOfText, FimPrefix, FimSuffix, FimMiddle, FileSeparator];
}

public sealed record TokenizerFiles(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("vocab")] string Vocab,
    [property: JsonPropertyName("merges")] string Merges);

/// <summary>The model converted to ONNX Runtime's own format (<see cref="OrtModelFile"/>), and the SHA-256 of
/// the .onnx it was converted from: a replaced .onnx is never shadowed by a stale conversion.</summary>
public sealed record OrtModel(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("onnx_sha256")] string OnnxSha256);

/// <summary>
/// <c>nano-model.json</c>, format version 1 (docs/model-format.md). File names are relative to
/// <see cref="Directory"/>; <see cref="Load"/> checks that they exist and that sizes are coherent.
/// </summary>
public sealed record ModelManifest(
    [property: JsonPropertyName("format_version")] int FormatVersion,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("model_file")] string ModelFile,
    [property: JsonPropertyName("tokenizer")] TokenizerFiles Tokenizer,
    [property: JsonPropertyName("special_tokens")] SpecialTokens SpecialTokens,
    [property: JsonPropertyName("context_length")] int ContextLength,
    [property: JsonPropertyName("vocab_size")] int VocabSize,
    [property: JsonPropertyName("hidden_size")] int HiddenSize,
    [property: JsonPropertyName("num_layers")] int NumLayers,
    [property: JsonPropertyName("num_heads")] int NumHeads,
    [property: JsonPropertyName("num_kv_heads")] int NumKvHeads,
    [property: JsonPropertyName("head_dim")] int HeadDim,
    [property: JsonPropertyName("kv_dtype")] string KvDtype,
    [property: JsonPropertyName("fim_layout")] string FimLayout,
    [property: JsonPropertyName("logits_to_keep_input")] bool LogitsToKeepInput,
    [property: JsonPropertyName("ort_model")] OrtModel? OrtModel = null,
    [property: JsonPropertyName("past_present_share_buffer")] bool PastPresentShareBuffer = false)
{
    public const string FileName = "nano-model.json";
    public const int SupportedFormatVersion = 1;

    /// <summary>The folder the manifest was read from; set by <see cref="Load"/>.</summary>
    [JsonIgnore] public string Directory { get; init; } = "";

    public string ModelPath => Path.Combine(Directory, ModelFile);
    public string VocabPath => Path.Combine(Directory, Tokenizer.Vocab);
    public string MergesPath => Path.Combine(Directory, Tokenizer.Merges);
    public string? OrtModelPath => OrtModel is null ? null : Path.Combine(Directory, OrtModel.File);

    public static ModelManifest Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new ModelException($"Model manifest not found: {path}");

        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ModelException($"Model manifest {path} is not valid: {e.Message}", e);
        }
        if (manifest is null)
            throw new ModelException($"Model manifest {path} is empty.");

        manifest = manifest with { Directory = Path.GetFullPath(directory) };
        manifest.Validate(path);
        return manifest;
    }

    // Reject unknown members so a manifest from a newer exporter fails loudly, and require every
    // member so a missing one names itself instead of surfacing later as a zero-sized buffer.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private void Validate(string path)
    {
        // The version is checked first: a newer layout may have renamed everything else.
        if (FormatVersion != SupportedFormatVersion)
            throw new ModelException(
                $"{path}: format_version {FormatVersion} is not supported (this engine reads version {SupportedFormatVersion}).");
        if (Tokenizer.Kind != "byte-level-bpe")
            throw new ModelException($"{path}: tokenizer.kind '{Tokenizer.Kind}' is not supported (only 'byte-level-bpe').");
        if (KvDtype is not ("float32" or "float16"))
            throw new ModelException($"{path}: kv_dtype '{KvDtype}' is not supported (float32 or float16).");
        if (FimLayout != "psm")
            throw new ModelException($"{path}: fim_layout '{FimLayout}' is not supported (only 'psm').");
        foreach (var (name, value) in new[]
                 {
                     ("context_length", ContextLength), ("vocab_size", VocabSize), ("hidden_size", HiddenSize),
                     ("num_layers", NumLayers), ("num_heads", NumHeads), ("num_kv_heads", NumKvHeads), ("head_dim", HeadDim),
                 })
        {
            if (value <= 0)
                throw new ModelException($"{path}: {name} must be positive, got {value}.");
        }
        if (NumHeads % NumKvHeads != 0)
            throw new ModelException($"{path}: num_heads {NumHeads} is not a multiple of num_kv_heads {NumKvHeads}.");

        foreach (var (what, file) in new[] { ("model_file", ModelPath), ("tokenizer.vocab", VocabPath), ("tokenizer.merges", MergesPath) })
        {
            if (!File.Exists(file))
                throw new ModelException($"{path}: {what} not found: {file}");
        }
    }
}
