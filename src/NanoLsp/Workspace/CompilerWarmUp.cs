using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoLsp.Workspace;

/// <summary>
/// Compiles a small program while MSBuild evaluates the project (which happens mostly in its build-host
/// process), so the compiler's code is already JIT-compiled when the first real diagnostics are asked for.
/// </summary>
public static class CompilerWarmUp
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        namespace WarmUp;

        public record Item(string Name, int Count);

        public static class Program
        {
            public static async Task<int> Main(string[] args)
            {
                var items = new List<Item> { new("a", 1), new("b", 2) };
                var total = items.Where(i => i.Count > 0).Select(i => i.Count).Sum();
                await Task.Yield();
                Console.WriteLine($"{total} {items.FirstOrDefault()?.Name ?? "none"}");
                return args.Length switch { 0 => total, _ => -1 };
            }
        }
        """;

    public static void Run()
    {
        var tree = CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest));
        var references = MsBuildSetup.FrameworkReferenceAssemblies()
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Console.dll" or "System.Linq.dll" or "System.Collections.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("WarmUp", [tree], references, new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        _ = compilation.GetSemanticModel(tree).GetDiagnostics();
    }
}
