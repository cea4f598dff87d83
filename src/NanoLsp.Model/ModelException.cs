namespace NanoLsp.Model;

/// <summary>
/// The one exception type for everything that can go wrong with a model: a missing or corrupt
/// file, an unknown manifest version, a graph whose inputs do not match the manifest, a native
/// ONNX Runtime failure. Callers (the server) catch this one type and keep serving without the model.
/// </summary>
public sealed class ModelException : Exception
{
    public ModelException(string message) : base(message) { }

    public ModelException(string message, Exception inner) : base(message, inner) { }
}
