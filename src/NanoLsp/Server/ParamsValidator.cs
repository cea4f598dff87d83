using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace NanoLsp.Server;

/// <summary>
/// Finds a field that the bound params leave null although the protocol record declares it non-nullable
/// (a client that omits "text" from a content change, or sends "textDocument": null). System.Text.Json binds
/// both without complaint, and the handler would fail later with a NullReferenceException; the fuzzer found
/// several. Hand-written because no serializer option fits: RespectNullableAnnotations checks explicit nulls
/// only, and RespectRequiredConstructorParameters would also refuse LSP's optional fields that our records
/// declare nullable without a default. The protocol records carry the nullability, so the check reads it.
/// </summary>
public static class ParamsValidator
{
    private static readonly NullabilityInfoContext Nullability = new();
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, bool Required)[]> Properties = new();
    private const int MaxDepth = 8;

    /// <summary>The JSON path of the first required field that is missing or null; null when there is none.</summary>
    public static string? FindMissing(object? value) => value is null ? null : Walk(value, "params", 0);

    private static string? Walk(object value, string path, int depth)
    {
        if (depth > MaxDepth)
            return null;
        if (value is IEnumerable items and not string)
        {
            var index = 0;
            foreach (var item in items)
            {
                if (item is not null && Walk(item, $"{path}[{index}]", depth + 1) is { } inner)
                    return inner;
                index++;
            }
            return null;
        }
        if (!IsProtocolType(value.GetType()))
            return null;
        foreach (var (property, required) in Properties.GetOrAdd(value.GetType(), Describe))
        {
            var field = property.GetValue(value);
            var name = $"{path}.{JsonName(property)}";
            if (field is null)
            {
                if (required)
                    return name;
                continue;
            }
            if (Walk(field, name, depth + 1) is { } inner)
                return inner;
        }
        return null;
    }

    private static bool IsProtocolType(Type type) => type.Namespace == "NanoLsp.Protocol" && type.IsClass;

    private static (PropertyInfo, bool)[] Describe(Type type)
    {
        // NullabilityInfoContext is not thread-safe; each type is described once.
        lock (Nullability)
        {
            return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
                .Select(p => (p, !p.PropertyType.IsValueType && Nullability.Create(p).ReadState == NullabilityState.NotNull))
                .ToArray();
        }
    }

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name ?? property.Name;
}
