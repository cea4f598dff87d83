using System.Text.Json;

namespace NanoLsp.Model.Tests;

/// <summary>The committed tiny random-weight model (tests/fixtures/models/tiny), exported by
/// training/export.py with its tokenizer vectors and PyTorch golden output.</summary>
public static class TinyModel
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        // Lets a developer run the suite against a freshly exported fixture before it is committed.
        if (Environment.GetEnvironmentVariable("NANOLSP_TINY_MODEL_DIR") is { Length: > 0 } overridden) return overridden;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "fixtures", "models", "tiny");
            if (File.Exists(Path.Combine(candidate, "nano-model.json"))) return candidate;
        }
        throw new InvalidOperationException("tests/fixtures/models/tiny not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Another fixture model beside the tiny one (tests/fixtures/models/NAME).</summary>
    public static string Sibling(string name) => Path.Combine(Path.GetDirectoryName(Directory)!, name);

    public static LanguageModel Load(DecoderOptions? options = null) => LanguageModel.Load(Directory, options);

    public static JsonElement ReadJson(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, file))).RootElement;

    /// <summary>A copy of the model folder the test may damage; deleted with the returned handle.</summary>
    public static TempModelCopy Copy() => new();

    public sealed class TempModelCopy : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nanolsp-model-" + Guid.NewGuid().ToString("N"));

        public TempModelCopy()
        {
            System.IO.Directory.CreateDirectory(Path);
            foreach (string file in System.IO.Directory.GetFiles(Directory))
                System.IO.File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => System.IO.Directory.Delete(Path, recursive: true);
    }
}
