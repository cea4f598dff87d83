using System.Composition;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NanoLsp.Workspace;

/// <summary>
/// The MEF parts of an assembly (types that carry an <see cref="ExportAttribute"/> or a derived one, on themselves or on
/// a property), found in its metadata, so that composition loads only them. <c>ContainerConfiguration.WithAssemblies</c>
/// reflects over every type an assembly defines, and a type that reflection sees is loaded into the runtime with all its
/// methods: for Roslyn's Workspaces and Features assemblies that is about 11,000 types, half of them closures and
/// state machines no composition ever uses, and their type data stays for the life of the process.
/// </summary>
public static class MefPartTypes
{
    public static IEnumerable<Type> Of(Assembly assembly)
    {
        // An assembly with no file (bundled, or loaded from bytes) is reflected over whole, as WithAssemblies would.
        if (assembly.Location.Length == 0 || !File.Exists(assembly.Location))
            return assembly.DefinedTypes;
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var exportAttributes = new Dictionary<EntityHandle, bool>();
        bool IsExport(CustomAttributeHandle handle)
        {
            var attributeType = AttributeType(metadata, metadata.GetCustomAttribute(handle));
            if (attributeType.IsNil) return false;
            if (!exportAttributes.TryGetValue(attributeType, out bool export))
                exportAttributes[attributeType] = export = Resolve(metadata, attributeType, assembly) is { } type && typeof(ExportAttribute).IsAssignableFrom(type);
            return export;
        }

        var partHandles = new HashSet<TypeDefinitionHandle>();
        foreach (var handle in metadata.TypeDefinitions)
            if (metadata.GetTypeDefinition(handle).GetCustomAttributes().Any(IsExport))
                partHandles.Add(handle);
        foreach (var handle in metadata.PropertyDefinitions)
        {
            var property = metadata.GetPropertyDefinition(handle);
            if (property.GetCustomAttributes().Any(IsExport) && property.GetAccessors().Getter is { IsNil: false } getter)
                partHandles.Add(metadata.GetMethodDefinition(getter).GetDeclaringType());
        }
        var parts = new List<Type>(partHandles.Count);
        foreach (var handle in partHandles)
        {
            // A part whose dependencies cannot load is left out, as one whose imports cannot be met is.
            try
            {
                if (assembly.GetType(FullName(metadata, handle), throwOnError: false) is { } type)
                    parts.Add(type);
            }
            catch (Exception e) when (e is TypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException)
            {
            }
        }
        return parts;
    }

    private static EntityHandle AttributeType(MetadataReader metadata, CustomAttribute attribute) => attribute.Constructor.Kind switch
    {
        HandleKind.MethodDefinition => metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
        HandleKind.MemberReference => metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
        _ => default,
    };

    private static Type? Resolve(MetadataReader metadata, EntityHandle handle, Assembly assembly)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return assembly.GetType(FullName(metadata, (TypeDefinitionHandle)handle), throwOnError: false);
            case HandleKind.TypeReference:
                var reference = metadata.GetTypeReference((TypeReferenceHandle)handle);
                var name = Join(metadata.GetString(reference.Namespace), metadata.GetString(reference.Name));
                if (reference.ResolutionScope.Kind != HandleKind.AssemblyReference) return null;
                var assemblyName = metadata.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).GetAssemblyName();
                try { return Assembly.Load(assemblyName).GetType(name, throwOnError: false); }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException) { return null; }
            default:
                return null;
        }
    }

    private static string FullName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        var type = metadata.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil
            ? Join(metadata.GetString(type.Namespace), metadata.GetString(type.Name))
            : FullName(metadata, declaring) + "+" + metadata.GetString(type.Name);
    }

    private static string Join(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
