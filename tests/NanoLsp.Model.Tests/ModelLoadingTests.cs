using System.Text.Json.Nodes;

namespace NanoLsp.Model.Tests;

public class ModelLoadingTests
{
    [Fact]
    public void MissingFileGivesClearError()
    {
        using var copy = TinyModel.Copy();
        File.Delete(copy.File("merges.txt"));
        var e = Assert.Throws<ModelException>(() => LanguageModel.Load(copy.Path));
        Assert.Contains("merges.txt", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void MissingManifestGivesClearError()
    {
        using var copy = TinyModel.Copy();
        File.Delete(copy.File("nano-model.json"));
        var e = Assert.Throws<ModelException>(() => LanguageModel.Load(copy.Path));
        Assert.Contains("nano-model.json", e.Message);
    }

    [Fact]
    public void CorruptModelGivesClearError()
    {
        using var copy = TinyModel.Copy();
        byte[] bytes = File.ReadAllBytes(copy.File("model.onnx"));
        File.WriteAllBytes(copy.File("model.onnx"), bytes[..(bytes.Length / 3)]);
        var e = Assert.Throws<ModelException>(() => LanguageModel.Load(copy.Path));
        Assert.Contains("model.onnx", e.Message);
    }

    [Fact]
    public void UnknownFormatVersionGivesClearError()
    {
        using var copy = TinyModel.Copy();
        EditManifest(copy, m => m["format_version"] = 2);
        var e = Assert.Throws<ModelException>(() => LanguageModel.Load(copy.Path));
        Assert.Contains("format_version 2", e.Message);
    }

    [Fact]
    public void GraphThatDoesNotMatchManifestGivesClearError()
    {
        using var copy = TinyModel.Copy();
        int layers = 0;
        EditManifest(copy, m => m["num_layers"] = (layers = m["num_layers"]!.GetValue<int>()) + 1);
        var e = Assert.Throws<ModelException>(() => LanguageModel.Load(copy.Path));
        Assert.Contains($"past_key_values.{layers}.key", e.Message);
    }

    [Fact]
    public void WrongHeadDimInManifestGivesClearError()
    {
        using var copy = TinyModel.Copy();
        EditManifest(copy, m => m["head_dim"] = m["head_dim"]!.GetValue<int>() * 2);
        var e = Assert.Throws<ModelException>(() => LanguageModel.Load(copy.Path));
        Assert.Contains("dimension 3", e.Message);
    }

    [Fact]
    public void MalformedManifestGivesClearError()
    {
        using var copy = TinyModel.Copy();
        File.WriteAllText(copy.File("nano-model.json"), "{ \"format_version\": 1, ");
        var e = Assert.Throws<ModelException>(() => LanguageModel.Load(copy.Path));
        Assert.Contains("not valid", e.Message);
    }

    [Fact]
    public void LocatorPrefersExplicitDirectoryThenEnvironment()
    {
        using var a = TinyModel.Copy();
        using var b = TinyModel.Copy();
        Assert.Equal(a.Path, ModelLocator.Locate(a.Path, environmentValue: b.Path));
        Assert.Equal(b.Path, ModelLocator.Locate(null, environmentValue: b.Path));
    }

    [Fact]
    public void LocatorFindsDefaultModelAboveTheBaseDirectory()
    {
        string root = Path.Combine(Path.GetTempPath(), "nanolsp-locate-" + Guid.NewGuid().ToString("N"));
        try
        {
            string model = Path.Combine(root, "models", "nano-csharp");
            string deep = Path.Combine(root, "src", "bin", "Release");
            Directory.CreateDirectory(model);
            Directory.CreateDirectory(deep);
            File.WriteAllText(Path.Combine(model, "nano-model.json"), "{}");
            Assert.Equal(model, ModelLocator.Locate(null, deep, environmentValue: ""));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void LocatorWithoutModelGivesClearError()
    {
        string empty = Directory.CreateTempSubdirectory("nanolsp-none-").FullName;
        try
        {
            var e = Assert.Throws<ModelException>(() => ModelLocator.Locate(null, empty, environmentValue: ""));
            Assert.Contains("No model found", e.Message);
            var wrong = Assert.Throws<ModelException>(() => ModelLocator.Locate(empty));
            Assert.Contains("has no nano-model.json", wrong.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    private static void EditManifest(TinyModel.TempModelCopy copy, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(copy.File("nano-model.json")))!;
        edit(node);
        File.WriteAllText(copy.File("nano-model.json"), node.ToJsonString());
    }
}
