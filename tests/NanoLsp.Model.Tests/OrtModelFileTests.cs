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

    /// <summary>One session for prefills and steps (its own packed copy of the conversion's weights) and two sessions
    /// (the prefill's plain weights in the shared bytes, the steps' packed) give the same logits in a long prefill,
    /// a step and a short run after a past, and both load from the conversion.</summary>
    [Fact]
    public void OneSessionAndTwoGiveTheSameLogits()
    {
        using var copy = TinyModel.Copy();
        OrtModelFile.Write(copy.Path);
        using var one = LanguageModel.Load(copy.Path, new DecoderOptions { PrefillThreads = 2, OneSession = true });
        using var two = LanguageModel.Load(copy.Path, new DecoderOptions { PrefillThreads = 2, OneSession = false });
        Assert.True(one.Decoder.OneSession);
        Assert.False(two.Decoder.OneSession);
        Assert.Equal(OrtModelFile.DefaultFileName, one.LoadedFrom);
        Assert.Equal(OrtModelFile.DefaultFileName, two.LoadedFrom);

        int[] prompt = one.Tokenizer.Encode(Code);
        int[] longPrompt = [.. Enumerable.Repeat(prompt, 1 + Decoder.SingleThreadTokens / prompt.Length).SelectMany(p => p)];
        using var a = one.Decoder.CreateCache();
        using var b = two.Decoder.CreateCache();
        foreach (var tokens in new[] { longPrompt, [7], prompt[..5] })
        {
            float[] expected = two.Decoder.Forward(b, tokens).ToArray();
            float[] actual = one.Decoder.Forward(a, tokens).ToArray();
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-3f, $"logit {i}: {actual[i]} against {expected[i]}");
        }
    }

    [Fact]
    public void TheDefaultIsOneSessionOnTwoThreadsOrFewer()
    {
        Assert.True(new DecoderOptions { PrefillThreads = 1 }.SharesOneSession);
        Assert.True(new DecoderOptions { PrefillThreads = 2 }.SharesOneSession);
        Assert.False(new DecoderOptions { PrefillThreads = 3 }.SharesOneSession);
        Assert.False(new DecoderOptions { PrefillThreads = 2, OneSession = false }.SharesOneSession);
        Assert.True(new DecoderOptions { PrefillThreads = 8, OneSession = true }.SharesOneSession);
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ACorruptConversionFallsBackToTheOnnx(bool oneSession)
    {
        using var copy = TinyModel.Copy();
        OrtModelFile.Write(copy.Path);
        byte[] bytes = File.ReadAllBytes(copy.File(OrtModelFile.DefaultFileName));
        File.WriteAllBytes(copy.File(OrtModelFile.DefaultFileName), bytes[..(bytes.Length / 2)]);

        using var model = LanguageModel.Load(copy.Path, new DecoderOptions { OneSession = oneSession });
        Assert.Equal(oneSession, model.Decoder.OneSession);
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
