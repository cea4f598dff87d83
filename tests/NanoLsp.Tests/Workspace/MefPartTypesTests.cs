using System.Composition;
using System.Reflection;
using NanoLsp.Workspace;
using Xunit;

namespace NanoLsp.Tests.Workspace;

public class MefPartTypesTests
{
    [Fact]
    public void MetadataFindsTheSamePartsAsReflectionInEveryComposedAssembly()
    {
        foreach (var assembly in RoslynHost.ComposedAssemblies())
        {
            // What ContainerConfiguration.WithAssemblies would discover: a type exported itself or through a property.
            var reflected = assembly.DefinedTypes
                .Where(t => t.GetCustomAttributes<ExportAttribute>(inherit: false).Any()
                    || t.DeclaredProperties.Any(p => p.GetCustomAttributes<ExportAttribute>(inherit: false).Any()))
                .Select(t => t.FullName)
                .ToHashSet();
            var found = MefPartTypes.Of(assembly).Select(t => t.FullName).ToHashSet();

            Assert.True(reflected.SetEquals(found),
                $"{assembly.GetName().Name}: only by reflection [{string.Join(", ", reflected.Except(found).Take(5))}], only in metadata [{string.Join(", ", found.Except(reflected).Take(5))}]");
        }
    }

    [Fact]
    public void TheSharedCompositionOffersRoslynsCSharpCodeFixesAndWorkspaceServices()
    {
        var fixes = RoslynHost.Container.GetExports<Lazy<Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, IDictionary<string, object>>>()
            .Count(e => e.Metadata.TryGetValue("Languages", out var l) && (l as string == "C#" || l is IEnumerable<string> many && many.Contains("C#")));
        Assert.True(fixes > 100, $"{fixes} C# code fix providers");

        using var workspace = new Microsoft.CodeAnalysis.AdhocWorkspace(RoslynHost.Services);
        var project = workspace.AddProject("P", Microsoft.CodeAnalysis.LanguageNames.CSharp);
        Assert.NotNull(Microsoft.CodeAnalysis.Completion.CompletionService.GetService(workspace.AddDocument(project.Id, "A.cs", Microsoft.CodeAnalysis.Text.SourceText.From("class A { }"))));
    }
}
