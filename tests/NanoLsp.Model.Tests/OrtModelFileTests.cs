using System.Text.Json.Nodes;

namespace NanoLsp.Model.Tests;

/// <summary>The ORT-format conversion the sessions run from (OrtModelFile), and every way back to the .onnx.</summary>
public class OrtModelFileTests
{
    private const string Code = "public static int Count(IEnumerable<int> items) { return items.Where(x => x > 0)";

    [Fact]
    public void AConvertedModelRunsFromTheConversionAndGivesTheOnnxLogits()
    {
        using var copy = TinyModel.Copy();
        OrtModelFile.Write(copy.Path);
        var manifest = JsonNode.Parse(File.ReadAllText(copy.File(ModelManifest.FileName)))!;
        Assert.Equal(OrtModelFile.DefaultFileName, manifest["ort_model"]!["file"]!.GetValue<string>());

        using var converted = LanguageModel.Load(copy.Path);
        using var onnx = TinyModel.Load();
        Assert.Equal(OrtModelFile.DefaultFileName, converted.LoadedFrom);
        Assert.Equal("model.onnx", onnx.LoadedFrom);

        int[] prompt = onnx.Tokenizer.Encode(Code);
        // Both sessions: the long run goes to the prefill session, the one-token step to the step session.
        int[] longPrompt = [.. Enumerable.Repeat(prompt, 1 + Decoder.SingleThreadTokens / prompt.Length).SelectMany(p => p)];
        foreach (var tokens in new[] { longPrompt, prompt[..5] })
        {
            using var a = converted.Decoder.CreateCache();
            using var b = onnx.Decoder.CreateCache();
            float[] expected = onnx.Decoder.Forward(b, tokens).ToArray();
            float[] actual = converted.Decoder.Forward(a, tokens).ToArray();
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-3f, $"logit {i}: {actual[i]} against {expected[i]}");
            float[] step = converted.Decoder.Forward(a, [Sampler.ArgMax(actual)]).ToArray();
            Assert.Equal(Sampler.ArgMax(onnx.Decoder.Forward(b, [Sampler.ArgMax(expected)])), Sampler.ArgMax(step));
        }
    }

    [Fact]
    public void AConversionOfAnotherOnnxIsNeverUsed()
    {
        using var copy = TinyModel.Copy();
        OrtModelFile.Write(copy.Path);
        string path = copy.File(ModelManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        manifest["ort_model"]!["onnx_sha256"] = new string('0', 64);
        File.WriteAllText(path, manifest.ToJsonString());

        using var model = LanguageModel.Load(copy.Path);
        Assert.Equal("model.onnx (model.ort was converted from another model.onnx)", model.LoadedFrom);
    }

    [Fact]
    public void ABrokenOnnxIsReportedEvenWithAGoodConversionBesideIt()
    {
        // The fault a user makes by replacing model.onnx: the old conversion must not hide it.
        using var copy = TinyModel.Copy();
        OrtModelFile.Write(copy.Path);
        byte[] bytes = File.ReadAllBytes(copy.File("model.onnx"));
        File.WriteAllBytes(copy.File("model.onnx"), bytes[..(bytes.Length / 3)]);
        var e = Assert.Throws<ModelException>(() => LanguageModel.Load(copy.Path));
        Assert.Contains("model.onnx", e.Message);
    }

    [Fact]
    public void ACorruptConversionFallsBackToTheOnnx()
    {
        using var copy = TinyModel.Copy();
        OrtModelFile.Write(copy.Path);
        byte[] bytes = File.ReadAllBytes(copy.File(OrtModelFile.DefaultFileName));
        File.WriteAllBytes(copy.File(OrtModelFile.DefaultFileName), bytes[..(bytes.Length / 2)]);

        using var model = LanguageModel.Load(copy.Path);
        Assert.StartsWith("model.onnx (model.ort did not load: ", model.LoadedFrom);
        Assert.Equal(golden(), Sampler.ArgMax(model.PrefixCache.Prefill(model.Tokenizer.Encode(Code))));

        int golden()
        {
            using var onnx = TinyModel.Load();
            return Sampler.ArgMax(onnx.PrefixCache.Prefill(onnx.Tokenizer.Encode(Code)));
        }
    }

    [Fact]
    public void AMissingConversionFallsBackToTheOnnx()
    {
        using var copy = TinyModel.Copy();
        OrtModelFile.Write(copy.Path);
        File.Delete(copy.File(OrtModelFile.DefaultFileName));
        using var model = LanguageModel.Load(copy.Path);
        Assert.Equal("model.onnx (model.ort is named by the manifest but missing)", model.LoadedFrom);
    }

    [Fact]
    public void TheShippedModelShipsItsConversionOfTheShippedOnnx()
    {
        // training/ship_model.sh converts after quantizing; a new model.onnx without it fails here.
        var manifest = ModelManifest.Load(ModelLocator.Locate());
        Assert.NotNull(manifest.OrtModel);
        Assert.True(File.Exists(manifest.OrtModelPath), manifest.OrtModelPath);
        Assert.Equal(OrtModelFile.Sha256(manifest.ModelPath), manifest.OrtModel.OnnxSha256);
    }
}
