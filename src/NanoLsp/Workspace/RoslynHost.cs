using System.Composition.Hosting;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.MSBuild;

namespace NanoLsp.Workspace;

/// <summary>
/// The server's one MEF composition of Roslyn: the workspace layers, the MSBuild loader and the Features assemblies
/// (code fixes, refactorings, completion). Every workspace (the provisional and loose-file ones, MSBuild's) and the
/// code action catalog draw on it (each <c>new AdhocWorkspace()</c>, <c>MSBuildWorkspace.Create()</c> and
/// <c>ContainerConfiguration.WithAssemblies</c> would otherwise compose the same assemblies again). Only the assemblies'
/// parts are handed to MEF (<see cref="MefPartTypes"/>), not every type they define.
/// </summary>
public static class RoslynHost
{
    private static readonly Lazy<CompositionHost> _container = new(Compose, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<MefHostServices> _services = new(() => MefHostServices.Create(_container.Value), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The composition itself: exports that are not workspace services (code fix and refactoring providers).</summary>
    public static CompositionHost Container => _container.Value;

    /// <summary>Host services for every workspace the server makes.</summary>
    public static MefHostServices Services => _services.Value;

    /// <summary>Services of the workspace layer alone (no language): for the empty placeholder solution served before the
    /// first load, which the initialize answer should not wait a full composition for.</summary>
    public static MefHostServices WorkspaceLayerOnly() =>
        MefHostServices.Create(new ContainerConfiguration().WithParts(MefPartTypes.Of(typeof(Microsoft.CodeAnalysis.AdhocWorkspace).Assembly)).CreateContainer());

    /// <summary>The assemblies composed: MSBuild's list (the workspace layers and the MSBuild loader) and the Features
    /// assemblies, named by type so that they load before MefHostServices' list (which loads them by name) is read.</summary>
    public static IReadOnlyList<System.Reflection.Assembly> ComposedAssemblies() => MSBuildMefHostServices.DefaultAssemblies
        .Concat([typeof(Microsoft.CodeAnalysis.Completion.CompletionService).Assembly,
                 typeof(Microsoft.CodeAnalysis.CSharp.Formatting.CSharpFormattingOptions).Assembly])
        .Distinct()
        .ToArray();

    private static CompositionHost Compose() =>
        new ContainerConfiguration().WithParts(ComposedAssemblies().SelectMany(MefPartTypes.Of)).CreateContainer();
}
