using System.Collections.Frozen;
using static NanoLsp.Features.Hover.ExplanationText;

namespace NanoLsp.Features.Hover;

/// <summary>One curated explanation: which facts it needs and how it reads with them filled in.</summary>
public sealed record Explanation(string Code, FactKind Facts, Func<DiagnosticFacts, string> Render);

/// <summary>
/// Our own plain-words explanations of the most frequent C# compiler errors and warnings (and the
/// IDE0005 analyzer). Each one speaks with the real names the fact extractor found in the code;
/// where a fact could not be established it falls back to the name quoted in the compiler message.
/// </summary>
public static class ExplanationCatalog
{
    public static FrozenDictionary<string, Explanation> All { get; } = Build().ToFrozenDictionary(e => e.Code, StringComparer.Ordinal);

    public static Explanation? Find(string code) => All.GetValueOrDefault(code);

    private static IEnumerable<Explanation> Build()
    {
        // Names and scope
        yield return new("CS0103", FactKind.UnknownName, f =>
            $"Nothing named {C(f.Name ?? f.Q(0))} is declared where this code can see it: it is not a local, a parameter, a member of {C(f.Type, "this type")} or an imported type. Check the spelling, declare it, or add the `using` that brings it in.{DidYouMean(f)}");
        yield return new("CS0246", FactKind.UnknownType, f =>
            $"The type {C(f.Name ?? f.Q(0))} is not known here: either its namespace is not imported with a `using`, the assembly or package that defines it is not referenced by the project, or the name is misspelled.{DidYouMean(f)}");
        yield return new("CS0234", FactKind.UnknownType, f =>
            $"The namespace {C(f.Q(1))} has no type or namespace called {C(f.Q(0))}. A package or project reference may be missing, or the name is misspelled.{DidYouMean(f)}");
        yield return new("CS1061", FactKind.MissingMember, f =>
            $"{C(f.Type ?? f.Q(0))} has no member called {C(f.Name ?? f.Q(1))}, and no extension method of that name is in scope for it. It may be misspelled, belong to another type, or live in a namespace you have not imported.{DidYouMean(f)}");
        yield return new("CS0117", FactKind.MissingMember, f =>
            $"{C(f.Type ?? f.Q(0))} does not define {C(f.Name ?? f.Q(1))}. Check the spelling and whether the member exists on that type (or only on an instance or a derived type).{DidYouMean(f)}");
        yield return new("CS0122", FactKind.Referenced, f =>
            $"{C(f.Member ?? f.Q(0))} exists but is {f.Actual ?? "not public"}, so code outside {C(f.Type, "its type")} cannot use it. Use a public member instead, or widen its access if you own it.");
        yield return new("CS0120", FactKind.Referenced, f =>
            $"{C(f.Member ?? f.Q(0))} belongs to each instance of {C(f.Type, "its type")}, but this code has no instance (it is in a static context). Call it on an object (`someObject.{f.Name}`), or make the member static.");
        yield return new("CS0176", FactKind.Referenced, f =>
            $"{C(f.Member ?? f.Q(0))} is static: it belongs to the type {C(f.Type, "that declares it")}, not to an instance. Write `{f.Type ?? "TypeName"}.{f.Name ?? "Member"}` instead of going through a variable.");
        yield return new("CS0136", FactKind.Declared, f =>
            $"A local or parameter named {C(f.Name ?? f.Q(0))} is declared here while another {C(f.Name ?? f.Q(0))} is already in scope in {C(f.Enclosing, "this member")}. C# does not allow one name to mean two variables in overlapping scopes: rename one of them.");
        yield return new("CS0128", FactKind.Declared, f =>
            $"{C(f.Name ?? f.Q(0))} is declared twice in the same scope of {C(f.Enclosing, "this member")}. Remove the second declaration (assign to the existing variable instead) or give it another name.");
        yield return new("CS0102", FactKind.Declared, f =>
            $"{C(f.Type ?? f.Q(0))} already has a member called {C(f.Name ?? f.Q(1))}. Two members of a type cannot share a name (except overloaded methods with different parameters): rename or remove one.");
        yield return new("CS0111", FactKind.Declared, f =>
            $"{C(f.Type ?? f.Q(0))} already defines {C(f.Name ?? f.Q(1))} with the same parameter types. Overloads must differ in their parameters, not only in the return type or parameter names.");
        yield return new("CS0841", FactKind.UnknownName, f =>
            $"{C(f.Name ?? f.Q(0))} is used before the line that declares it. Move the declaration above its first use.");
        yield return new("CS0116", FactKind.Declared, f =>
            "A method, field or property is written directly in a namespace or file. In C# they must sit inside a class, struct, record or interface (only top-level statements may stand outside one).");

        // Types and conversions
        yield return new("CS0029", FactKind.Conversion, f =>
            $"{C(f.Detail, "The value")} has type {C(f.Actual ?? f.Q(0))}, but this place needs a {C(f.Expected ?? f.Q(1))}, and there is no implicit conversion between them. Convert it explicitly (parse, cast, or call a method that returns {C(f.Expected ?? f.Q(1))}), or change the target's type.");
        yield return new("CS0266", FactKind.Conversion, f =>
            $"{C(f.Detail, "The value")} has type {C(f.Actual ?? f.Q(0))} and this place needs {C(f.Expected ?? f.Q(1))}. A conversion exists but may lose information or fail, so C# wants you to write it: add a cast `({f.Expected ?? f.Q(1)})` if you are sure, or change the target's type.");
        yield return new("CS0030", FactKind.Conversion, f =>
            $"No conversion at all exists from {C(f.Q(0))} to {C(f.Q(1))}, not even with a cast. Use a method that builds a {C(f.Q(1))} from the value instead.");
        yield return new("CS1503", FactKind.Argument, f =>
            $"The argument {C(f.Detail)} has type {C(f.Actual ?? f.Q(1))}, but parameter {C(f.Name)} of {C(f.Member, "the method")} expects {C(f.Expected ?? f.Q(2))}. Pass a value of that type, convert this one, or call another overload.");
        yield return new("CS0428", FactKind.Conversion, f =>
            $"{C(f.Q(0))} is a method, used here without `()`. To use its result, call it; a method group only converts to a delegate type, not to {C(f.Q(1))}.");
        yield return new("CS0019", FactKind.Operator, f =>
            $"The operator {C(f.Detail ?? f.Q(0))} is not defined between {C(f.Actual ?? f.Q(1))} and {C(f.Expected ?? f.Q(2))}. Convert one side so both have types the operator works on (e.g. compare a string with a string), or call a method instead.");
        yield return new("CS0021", FactKind.Operator, f =>
            $"{C(f.Name, "This expression")} has type {C(f.Actual ?? f.Q(0))}, which has no indexer, so `[...]` cannot be applied to it. Index the collection inside it, or use a type that supports indexing (array, List, Dictionary, string).");
        yield return new("CS0815", FactKind.Declared, f =>
            $"`var` needs a value with a type to infer {C(f.Name)}'s type from, and {C(f.Q(0))} has none. Write the type explicitly.");
        yield return new("CS0818", FactKind.Declared, f =>
            $"{C(f.Name)} is declared with `var` but not initialized, so C# cannot tell its type. Give it an initial value or write the type.");
        yield return new("CS1579", FactKind.Conversion, f =>
            $"`foreach` needs something enumerable, but {C(f.Q(0))} has no public `GetEnumerator` method. Loop over a collection, or make the type implement `IEnumerable<T>`.");
        yield return new("CS0131", FactKind.Statement, f =>
            $"The left side of `=` in {C(f.Detail)} is not something that can be assigned: it must be a variable, property or indexer, not a value or a method call.");
        yield return new("CS0200", FactKind.Referenced, f =>
            $"{C(f.Member ?? f.Q(0))} is read-only (it has no setter), so it cannot be assigned here. Set it in the constructor or initializer if it allows that, or add a setter if you own it.");

        // Calls and overloads
        yield return new("CS7036", FactKind.Invocation, f =>
            $"The call to {C(f.Member ?? f.Name)} passes {f.Detail ?? "too few"} argument(s), and the required parameter {C(f.Missing.FirstOrDefault() ?? f.Q(0))} gets no value. Pass an argument for it.");
        yield return new("CS1501", FactKind.Invocation, f =>
            $"No overload of {C(f.Name ?? f.Q(0))} takes {f.Detail ?? f.Q(1)} argument(s).{Overloads(f)} Pass the arguments one of them expects.");
        yield return new("CS0161", FactKind.Declared, f =>
            $"{C(f.Name ?? f.Q(0))} is declared to return {C(f.Actual, "a value")}, but execution can reach its end without a `return` on some path (for example past an `if` with no `else`). Return a value (or throw) on every path.");
        yield return new("CS0127", FactKind.Declared, f =>
            $"{C(f.Enclosing ?? f.Q(0))} returns `void`, so its `return` statements cannot carry a value. Remove the value, or change the return type.");
        yield return new("CS0126", FactKind.Declared, f =>
            $"{C(f.Enclosing)} must return {C(f.Q(0))}, but this `return` has no value. Return a {C(f.Q(0))}.");
        yield return new("CS0201", FactKind.Statement, f =>
            $"{C(f.Detail)} computes a value and throws it away: only assignments, calls, increments, `await` and `new` expressions can stand as statements. Assign the result, or remove the line.");
        yield return new("CS4014", FactKind.Invocation, f =>
            $"{C(f.Member ?? f.Name)} returns {C(f.Expected, "a task")}, and this call does not `await` it, so {C(f.Enclosing, "the current method")} carries on before the work finishes, and any exception it throws is lost. Add `await`, or assign the task to `_` if running on is intended.");
        yield return new("CS0236", FactKind.UnknownName, f =>
            $"A field initializer uses {C(f.Q(0))}, an instance member: initializers run before the object is complete and may not use other instance members. Move the assignment into a constructor.");

        // Declarations, inheritance and interfaces
        yield return new("CS0535", FactKind.Implementation, f =>
            $"{C(f.Name ?? f.Q(0))} says it implements {C(f.Expected, "an interface")} but does not implement {Members(f, f.Q(1))}. Add {(f.Missing.Count > 1 ? "them" : "it")} (the \"Implement interface\" fix writes the stubs).");
        yield return new("CS0534", FactKind.Implementation, f =>
            $"{C(f.Name ?? f.Q(0))} derives from the abstract {C(f.Expected, "base class")} but does not override {Members(f, f.Q(1))}. Override {(f.Missing.Count > 1 ? "them" : "it")}, or mark {C(f.Name)} abstract too.");
        yield return new("CS0501", FactKind.Declared, f =>
            $"{C(f.Name ?? f.Q(0))} has no body. Only abstract, extern or partial members may omit it: add a body `{{ ... }}` (or `=> ...`), or mark the member abstract in an abstract class.");
        yield return new("CS0106", FactKind.Declared, f =>
            $"The modifier {C(f.Q(0))} is not allowed on {C(f.Name, "this item")} (for example `public` on an interface member in old language versions, or `static` on a local). Remove it.");
        yield return new("CS0115", FactKind.Declared, f =>
            $"{C(f.Name ?? f.Q(0))} is marked `override`, but no base class of {C(f.Type)} has a virtual or abstract member with this signature to override. Check the name and parameters, or remove `override`.");
        yield return new("CS0108", FactKind.Declared, f =>
            $"{C(f.Name ?? f.Q(0))} in {C(f.Type)} has the same name as the inherited {C(f.Q(1))}, which it now hides. If hiding is intended, add `new`; if you meant to replace it, make the base member virtual and use `override`.");
        yield return new("CS0114", FactKind.Declared, f =>
            $"{C(f.Name ?? f.Q(0))} in {C(f.Type)} hides the inherited virtual member {C(f.Q(1))}. Add `override` to replace it, or `new` if hiding is intended.");

        // Flow analysis and unused code
        yield return new("CS0165", FactKind.Variable, f =>
            $"{C(f.Name ?? f.Q(0))} is read here, but on some path to this line it has not been given a value yet. Initialize it where it is declared (e.g. `= {f.Detail ?? "default"}`) or assign it on every path before use.");
        yield return new("CS0168", FactKind.Declared, f =>
            $"The variable {C(f.Name ?? f.Q(0))} is declared but never used. Remove it (or use `_` / omit the variable in a `catch`).");
        yield return new("CS0219", FactKind.Declared, f =>
            $"{C(f.Name ?? f.Q(0))} gets a value, but nothing ever reads it. Remove it, or use it where it was meant to be used.");
        yield return new("CS0162", FactKind.Statement, f =>
            $"{C(f.Detail, "This code")} can never run: an earlier `return`, `throw`, `break` or `continue` (or a constant condition) always leaves before it. Remove it or fix the control flow above.");
        yield return new("CS0649", FactKind.Declared, f =>
            $"The field {C(f.Name ?? f.Q(0))} is never assigned, so it always holds its default value {C(f.Detail ?? f.Q(1))}. Assign it (constructor or initializer), or remove it.");
        yield return new("CS0169", FactKind.Declared, f =>
            $"The field {C(f.Name ?? f.Q(0))} of {C(f.Type)} is never used. Remove it, or use it.");
        yield return new("CS0414", FactKind.Declared, f =>
            $"The field {C(f.Name ?? f.Q(0))} of {C(f.Type)} is assigned but its value is never read. Remove it, or read it where it was meant to matter.");
        yield return new("CS8019", FactKind.UsingDirective, f =>
            $"Nothing in this file uses anything from {C(f.Name, "this namespace")}, so the `using` does nothing. Remove it (\"Remove unnecessary usings\").");
        yield return new("IDE0005", FactKind.UsingDirective, f =>
            $"Nothing in this file uses anything from {C(f.Name, "this namespace")}, so the `using` does nothing. Remove it (\"Remove unnecessary usings\").");
        yield return new("CS0618", FactKind.Referenced, f =>
            $"{C(f.Member ?? f.Q(0))} is marked `[Obsolete]`{(f.Detail is null ? "" : $": \"{f.Detail}\"")}. It still works today but may be removed; switch to the replacement its authors recommend.");
        yield return new("CS0612", FactKind.Referenced, f =>
            $"{C(f.Member ?? f.Q(0))} is marked `[Obsolete]` and may be removed in a later version. Switch to its replacement.");

        // Syntax
        yield return new("CS1002", FactKind.Syntax, f =>
            $"A statement ends without `;`{After(f)}. Add the semicolon (a missing one often makes the next line's error look odd too).");
        yield return new("CS1513", FactKind.Syntax, f =>
            $"A block opened with `{{` is never closed{After(f)}. Add the missing `}}`; count braces from the last member that still compiled.");
        yield return new("CS1514", FactKind.Syntax, f =>
            $"A `{{` is expected{After(f)}: a type, namespace or member body must open with a brace here.");
        yield return new("CS1026", FactKind.Syntax, f =>
            $"A `(` is never closed{After(f)}. Add the missing `)`.");
        yield return new("CS1001", FactKind.Syntax, f =>
            $"A name (identifier) is expected{After(f)}, for example the name of a variable, parameter or member.");
        yield return new("CS1525", FactKind.Syntax, f =>
            $"{C(f.Q(0))} cannot start an expression{After(f)}. A value is missing, or an operator or keyword is in the wrong place.");
        yield return new("CS1519", FactKind.Syntax, f =>
            $"{C(f.Q(0))} cannot appear here, inside a class, struct or interface body{After(f)}. Statements belong in a method body.");
        yield return new("CS1022", FactKind.Syntax, f =>
            $"This code is outside any type or namespace body{After(f)}: usually a stray `}}` closed the class too early.");

        // Nullable reference types (CS8600-CS8625)
        yield return new("CS8600", FactKind.Nullability, f =>
            $"{C(f.Detail, "A value")} may be null, and it is stored in {C(f.Expected, "a non-nullable type")}, which promises never to hold null. Declare the target nullable ({C(Nullable(f.Expected))}), or make sure the value is not null first.");
        yield return new("CS8601", FactKind.Nullability, f =>
            $"{C(f.Detail, "The assigned value")} may be null, but the target {C(f.Expected)} is non-nullable. Check for null before assigning, give a fallback (`?? ...`), or make the target nullable.");
        yield return new("CS8602", FactKind.Nullability, f =>
            $"{C(f.Detail ?? f.Name, "This expression")} may be null here (its type is {C(f.Actual)}), and this line dereferences it, which would throw `NullReferenceException`. Check it for null first, use `?.`, or ensure it is assigned.");
        yield return new("CS8603", FactKind.Nullability, f =>
            $"{C(f.Detail, "The returned value")} may be null, but {C(f.Enclosing, "the method")} is declared to return the non-nullable {C(f.Expected)}. Return a non-null value, or declare the return type {C(Nullable(f.Expected))}.");
        yield return new("CS8604", FactKind.Nullability, f =>
            $"{C(f.Detail, "The argument")} may be null, but parameter {C(f.Name ?? f.Q(0))} of {C(f.Q(1), "the method")} does not accept null. Check it first or pass a non-null fallback.");
        yield return new("CS8618", FactKind.UninitializedMember, f =>
            $"{C(f.Name ?? f.Q(0))} has the non-nullable type {C(f.Actual)}, but a constructor of {C(f.Type)} can finish without giving it a value, so it would be null. Initialize it, mark it `required`, or declare it {C(Nullable(f.Actual))}.");
        yield return new("CS8619", FactKind.Nullability, f =>
            $"The nullability of {C(f.Q(0))} does not match the target {C(f.Q(1))}: one allows null inside where the other does not. Make the type arguments agree.");
        yield return new("CS8620", FactKind.Nullability, f =>
            $"The argument of type {C(f.Q(0))} does not match parameter {C(f.Q(2))} of type {C(f.Q(1))} in nullability. Make the type arguments agree.");
        yield return new("CS8625", FactKind.Nullability, f =>
            $"A `null` literal is used where {C(f.Expected, "a non-nullable reference type")} is expected. Pass a real value, or make the target nullable ({C(Nullable(f.Expected))}).");
        yield return new("CS8629", FactKind.Nullability, f =>
            $"{C(f.Detail)} is a nullable value type ({C(f.Actual)}) that may be null, and `.Value` would throw. Check `HasValue` first or use `??`.");
        yield return new("CS8605", FactKind.Nullability, f =>
            $"{C(f.Detail)} may be null and is unboxed to a value type here, which would throw. Check it for null first.");
    }
}

/// <summary>Small formatting helpers shared by the explanations.</summary>
internal static class ExplanationText
{
    public static string C(string? name, string fallback = "it") => name is null ? fallback : $"`{name}`";

    public static string DidYouMean(DiagnosticFacts f) =>
        f.Closest.Count == 0 ? "" : $" Did you mean {string.Join(", ", f.Closest.Select(c => $"`{c}`"))}?";

    public static string Overloads(DiagnosticFacts f) =>
        f.Closest.Count == 0 ? "" : $" The ones that exist: {string.Join("; ", f.Closest.Select(c => $"`{c}`"))}.";

    public static string Members(DiagnosticFacts f, string? quoted) =>
        f.Missing.Count == 0 ? C(quoted, "a required member") : string.Join(", ", f.Missing.Select(m => $"`{m}`"));

    public static string After(DiagnosticFacts f) => f.Detail is null ? "" : $" after `{f.Detail}`";

    public static string? Nullable(string? type) => type is null ? null : type.EndsWith('?') ? type : type + "?";
}
