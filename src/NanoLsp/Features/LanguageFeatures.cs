using NanoLsp.Logging;
using System.Collections.Immutable;
using System.Composition;
using System.Composition.Hosting;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CodeRefactorings;
using NanoLsp.Server;

namespace NanoLsp.Features;

/// <summary>
/// Roslyn's own C# code fixes and refactorings, exported by the Features assemblies into the server's one MEF
/// composition (<see cref="Workspace.RoslynHost"/>). Making the 250 providers takes a few hundred milliseconds of CPU
/// (the composition's too when no workspace has made it yet), so it runs in the background and every caller awaits
/// the same task. Providers are created by the container (not by Activator) because several of them import services
/// through their constructors.
/// </summary>
public sealed class LanguageFeatures(ILog logger) : IStartsAfterInitialized
{
    private readonly Lazy<Task<ProviderCatalog>> _catalog =
        new(() => Task.Run(Compose), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Starts making the providers once the client is initialized (a code action or hover that needs them
    /// before then starts it itself), off the caller's thread.</summary>
    public void Start(ServerSettings settings) =>
        _catalog.Value.ContinueWith(t => logger.Log(
            t.IsCompletedSuccessfully ? LogLevel.Info : LogLevel.Error,
            t.IsCompletedSuccessfully
                ? $"Code actions ready: {t.Result.FixProviders.Length} fix and {t.Result.RefactoringProviders.Length} refactoring providers composed in {t.Result.ComposeTime.TotalMilliseconds:0} ms"
                : $"Code action providers failed to compose: {t.Exception?.GetBaseException().Message}"),
            TaskScheduler.Default);

    public Task<ProviderCatalog> GetCatalogAsync(CancellationToken cancellationToken) =>
        _catalog.Value.WaitAsync(cancellationToken);

    private static ProviderCatalog Compose()
    {
        var stopwatch = Stopwatch.StartNew();
        var container = Workspace.RoslynHost.Container;

        var fixes = ImmutableArray.CreateBuilder<NamedProvider<CodeFixProvider>>();
        foreach (var export in container.GetExports<Lazy<CodeFixProvider, IDictionary<string, object>>>())
        {
            if (!IsCSharp(export.Metadata))
                continue;
            var provider = TryCreate(() => export.Value);
            if (provider is not null)
                fixes.Add(new(NameOf(export.Metadata, provider), provider));
        }

        var refactorings = ImmutableArray.CreateBuilder<NamedProvider<CodeRefactoringProvider>>();
        foreach (var export in container.GetExports<Lazy<CodeRefactoringProvider, IDictionary<string, object>>>())
        {
            if (!IsCSharp(export.Metadata))
                continue;
            var provider = TryCreate(() => export.Value);
            if (provider is not null)
                refactorings.Add(new(NameOf(export.Metadata, provider), provider));
        }

        return new ProviderCatalog(fixes.ToImmutable(), refactorings.ToImmutable(), stopwatch.Elapsed);
    }

    private static bool IsCSharp(IDictionary<string, object> metadata) =>
        metadata.TryGetValue("Languages", out var languages) && languages switch
        {
            string one => one == LanguageNames.CSharp,
            IEnumerable<string> many => many.Contains(LanguageNames.CSharp),
            _ => false,
        };

    // The export's Name metadata is stable across runs; it goes into codeAction `data` so resolve
    // can find the same provider again.
    private static string NameOf(IDictionary<string, object> metadata, object provider) =>
        metadata.TryGetValue("Name", out var name) && name is string s && s.Length > 0 ? s : provider.GetType().FullName!;

    private static T? TryCreate<T>(Func<T> create) where T : class
    {
        try
        {
            return create();
        }
        catch (CompositionFailedException)
        {
            // A provider whose imports this host cannot satisfy (editor-only services) is left out.
            return null;
        }
    }
}

public sealed record NamedProvider<T>(string Name, T Provider);

public sealed class ProviderCatalog(
    ImmutableArray<NamedProvider<CodeFixProvider>> fixProviders,
    ImmutableArray<NamedProvider<CodeRefactoringProvider>> refactoringProviders,
    TimeSpan composeTime)
{
    private readonly ILookup<string, NamedProvider<CodeFixProvider>> _fixesById = fixProviders
        .SelectMany(p => p.Provider.FixableDiagnosticIds.Select(id => (id, p)))
        .ToLookup(x => x.id, x => x.p, StringComparer.Ordinal);

    public ImmutableArray<NamedProvider<CodeFixProvider>> FixProviders { get; } = fixProviders;
    public ImmutableArray<NamedProvider<CodeRefactoringProvider>> RefactoringProviders { get; } = refactoringProviders;
    public TimeSpan ComposeTime { get; } = composeTime;

    public IEnumerable<NamedProvider<CodeFixProvider>> FixesFor(string diagnosticId) => _fixesById[diagnosticId];
}
