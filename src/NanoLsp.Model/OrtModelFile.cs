using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;

namespace NanoLsp.Model;

/// <summary>
/// The model in ONNX Runtime's own format (ORT), kept beside the .onnx and named by the manifest's
/// <c>ort_model</c>. Why: a session opened from an .onnx file keeps the graph's protobuf copy of every weight
/// beside the tensors it runs from, and the decoder has two sessions (on more than two cores). Opened from ORT-format
/// bytes with <c>session.use_ort_model_bytes_for_initializers</c>, both run from one buffer the decoder holds (the
/// shipped model: 110 MB resident after the same generations instead of 133; docs/engine.md, "One copy of the
/// weights"). One session (two cores or fewer) is opened from the file's path and keeps only its packed copy
/// (docs/engine.md, "One session on two cores").
/// The .onnx stays the source: the conversion is checked against its SHA-256 at load, and any doubt (no conversion,
/// a conversion of another .onnx, an unreadable file, a runtime that refuses it) loads the .onnx.
/// </summary>
public static class OrtModelFile
{
    public const string DefaultFileName = "model.ort";

    /// <summary>
    /// Converts the folder's .onnx into <paramref name="fileName"/> with this build's ONNX Runtime and records it in
    /// the manifest. Saved at the extended optimisation level (fusions, constant folding), which the ORT docs give as
    /// portable across CPUs; the hardware-specific layout level is applied when a session opens it.
    /// </summary>
    public static string Write(string modelDirectory, string fileName = DefaultFileName)
    {
        var manifest = ModelManifest.Load(modelDirectory);
        string target = Path.Combine(manifest.Directory, fileName);
        string temporary = target + ".partial";
        try
        {
            using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED, OptimizedModelFilePath = temporary })
            {
                options.AddSessionConfigEntry("session.save_model_format", "ORT");
                using var session = new InferenceSession(manifest.ModelPath, options);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelException($"Cannot convert {manifest.ModelPath} to ORT format: {e.Message}", e);
        }
        finally
        {
            File.Delete(temporary);
        }

        string manifestPath = Path.Combine(manifest.Directory, ModelManifest.FileName);
        var json = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        json["ort_model"] = new JsonObject { ["file"] = fileName, ["onnx_sha256"] = Sha256(manifest.ModelPath) };
        File.WriteAllText(manifestPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        return target;
    }

    /// <summary>
    /// The ORT-format bytes to open the sessions from, in a pinned array (the sessions keep pointers into it, so it
    /// must never move and must outlive them); null with the reason when the .onnx is to be loaded instead.
    /// </summary>
    public static byte[]? TryRead(ModelManifest manifest, out string? reason)
    {
        if (TryLocate(manifest, out reason) is not { } path)
            return null;
        var ort = manifest.OrtModel!;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            if (stream.Length is 0 or > int.MaxValue)
            {
                reason = $"{ort.File} is {stream.Length} bytes long";
                return null;
            }
            var bytes = GC.AllocateUninitializedArray<byte>((int)stream.Length, pinned: true);
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"{ort.File} could not be read ({e.Message})";
            return null;
        }
    }

    /// <summary>
    /// The conversion's path when the manifest names one that exists and was made from the folder's .onnx; null with
    /// the reason otherwise (null reason: the manifest names none). For a session that copies the weights it runs from
    /// (one session: <see cref="DecoderOptions.OneSession"/>), which needs no bytes kept.
    /// </summary>
    public static string? TryLocate(ModelManifest manifest, out string? reason)
    {
        reason = null;
        if (manifest.OrtModel is not { } ort || manifest.OrtModelPath is not { } path)
            return null;
        try
        {
            if (!File.Exists(path))
            {
                reason = $"{ort.File} is named by the manifest but missing";
                return null;
            }
            if (!string.Equals(Sha256(manifest.ModelPath), ort.OnnxSha256, StringComparison.OrdinalIgnoreCase))
            {
                reason = $"{ort.File} was converted from another {manifest.ModelFile}";
                return null;
            }
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"{ort.File} could not be read ({e.Message})";
            return null;
        }
    }

    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
