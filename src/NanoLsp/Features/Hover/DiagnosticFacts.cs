namespace NanoLsp.Features.Hover;

/// <summary>
/// Roslyn facts about one diagnostic, taken from the code around it: the names and types an
/// explanation quotes so it speaks about this code rather than about C# in general.
/// Every property is optional: an extractor fills in what it could establish.
/// </summary>
public sealed class DiagnosticFacts
{
    /// <summary>The name the diagnostic is about (unknown identifier, declared local, member, ...).</summary>
    public string? Name { get; set; }

    /// <summary>The type the name was looked up on, or the type that declares the code.</summary>
    public string? Type { get; set; }

    /// <summary>The type the code needs at this place (target of a conversion, parameter type, return type).</summary>
    public string? Expected { get; set; }

    /// <summary>The type the code actually has.</summary>
    public string? Actual { get; set; }

    /// <summary>The member (method, property, field, constructor) the code sits in.</summary>
    public string? Enclosing { get; set; }

    /// <summary>The member the code refers to (the method called, the symbol used), as the compiler names it.</summary>
    public string? Member { get; set; }

    /// <summary>A further specific: a parameter name, an operator, a modifier, an obsolete message, a default value.</summary>
    public string? Detail { get; set; }

    /// <summary>Existing names close to an unknown one (edit distance over the symbols in scope).</summary>
    public List<string> Closest { get; } = [];

    /// <summary>Members that still have to be written (interface or abstract members not implemented).</summary>
    public List<string> Missing { get; } = [];

    /// <summary>Names quoted in the compiler's own message, in order: the fallback when the tree says less.</summary>
    public List<string> Quoted { get; } = [];

    public string? Q(int index) => index < Quoted.Count ? Quoted[index] : null;
}
