using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NanoLsp.Model;

/// <summary>Checks that the graph's inputs and outputs are the ones the manifest promises,
/// so a mismatched export fails at load with a message naming the tensor, not mid-request.</summary>
internal static class ModelGraphCheck
{
    public static void Verify(InferenceSession session, ModelManifest m, string[] pastNames, string[] presentNames)
    {
        var kvType = m.KvDtype == "float16" ? TensorElementType.Float16 : TensorElementType.Float;
        var inputs = new Dictionary<string, (TensorElementType Type, long[] Shape)>
        {
            ["input_ids"] = (TensorElementType.Int64, [-1, -1]),
            ["attention_mask"] = (TensorElementType.Int64, [-1, -1]),
            ["position_ids"] = (TensorElementType.Int64, [-1, -1]),
        };
        if (m.LogitsToKeepInput) inputs["logits_to_keep"] = (TensorElementType.Int64, [1]);
        foreach (string name in pastNames) inputs[name] = (kvType, [-1, m.NumKvHeads, -1, m.HeadDim]);

        var outputs = new Dictionary<string, (TensorElementType Type, long[] Shape)>
        {
            ["logits"] = (TensorElementType.Float, [-1, -1, m.VocabSize]),
        };
        foreach (string name in presentNames) outputs[name] = (kvType, [-1, m.NumKvHeads, -1, m.HeadDim]);

        Compare("input", session.InputMetadata, inputs, m);
        Compare("output", session.OutputMetadata, outputs, m);
    }

    private static void Compare(string kind, IReadOnlyDictionary<string, NodeMetadata> actual,
        Dictionary<string, (TensorElementType Type, long[] Shape)> expected, ModelManifest m)
    {
        string where = $"{m.ModelPath} does not match {ModelManifest.FileName}";
        foreach (var (name, (type, shape)) in expected)
        {
            if (!actual.TryGetValue(name, out var meta))
                throw new ModelException($"{where}: the graph has no {kind} '{name}' (it has: {string.Join(", ", actual.Keys)}).");
            if (meta.ElementDataType != type)
                throw new ModelException($"{where}: {kind} '{name}' is {meta.ElementDataType}, expected {type}.");
            int[] dims = meta.Dimensions;
            if (dims.Length != shape.Length)
                throw new ModelException($"{where}: {kind} '{name}' has rank {dims.Length}, expected {shape.Length}.");
            for (int i = 0; i < dims.Length; i++)
            {
                // -1 on either side is a symbolic (dynamic) dimension.
                if (shape[i] >= 0 && dims[i] >= 0 && dims[i] != shape[i])
                    throw new ModelException($"{where}: {kind} '{name}' dimension {i} is {dims[i]}, expected {shape[i]}.");
            }
        }
        foreach (string name in actual.Keys)
        {
            if (!expected.ContainsKey(name))
                throw new ModelException($"{where}: unexpected {kind} '{name}' in the graph.");
        }
    }
}
