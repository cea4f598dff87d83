using Microsoft.CodeAnalysis;

namespace NanoLsp.Features;

/// <summary>What a member overrides, for the features that walk up a hierarchy (occurrences, hover facts, the provisional
/// filter). Roslyn has it per kind only (OverriddenMethod, OverriddenProperty, OverriddenEvent).</summary>
public static class SymbolOverrides
{
    /// <summary>The member this one overrides; null when it overrides nothing or is not a method, property or event.</summary>
    public static ISymbol? OverriddenMember(this ISymbol member) => member switch
    {
        IMethodSymbol method => method.OverriddenMethod,
        IPropertySymbol property => property.OverriddenProperty,
        IEventSymbol @event => @event.OverriddenEvent,
        _ => null,
    };
}
