using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Workspace;

/// <summary>
/// The one owner of document text and Roslyn Solution snapshots. Writes (text sync, files on disk,
/// loading) replace the current Solution under a lock; readers take <see cref="CurrentSolution"/>,
/// an immutable snapshot. Edits never go back through the Roslyn workspace (MSBuildWorkspace would
/// write them to disk): the Solution here is the truth.
/// </summary>
public sealed class WorkspaceManager : ISolutionSource, IDisposable
{
    private readonly IServerLogger _logger;

    private readonly object _gate = new();
    private readonly Dictionary<string, OpenDocument> _open = new(StringComparer.Ordinal);
    // Until the first load or loose file: an empty solution on a workspace without language services.
    // Composing Roslyn's full MEF host takes a second or more, which the initialize answer need not wait for.
    private Microsoft.CodeAnalysis.Workspace _host = new AdhocWorkspace(MefHostServices.Create([typeof(AdhocWorkspace).Assembly]));
    private Solution _solution;
    private bool _placeholder = true;

    public WorkspaceManager(IServerLogger logger)
    {
        _logger = logger;
        _solution = _host.CurrentSolution;
    }

    /// <summary>Swaps the placeholder for a workspace with C# services before a project is added to it.</summary>
    private void EnsureLanguageHost()
    {
        if (!_placeholder)
            return;
        _host.Dispose();
        _host = new AdhocWorkspace();
        _solution = _host.CurrentSolution;
        _placeholder = false;
    }
    private IReadOnlyList<string> _roots = [];
    private ProjectId? _looseProject;

    private sealed record OpenDocument(string Uri, int Version, bool AddedAsLoose, SourceText Text);

    public Solution CurrentSolution => Volatile.Read(ref _solution);

    /// <summary>What the last load produced (null before the first).</summary>
    public LoadOutcome? LastLoad { get; private set; }

    /// <summary>The open documents, by the URI the client used (diagnostics are pushed for these).</summary>
    public IReadOnlyList<string> OpenUris
    {
        get
        {
            lock (_gate)
                return _open.Values.Select(o => o.Uri).ToList();
        }
    }

    public int? OpenVersion(string path)
    {
        lock (_gate)
            return _open.TryGetValue(path, out var open) ? open.Version : null;
    }

    public async Task<LoadOutcome> LoadAsync(IReadOnlyList<string> roots, Action<LoadProgress> progress, CancellationToken cancellationToken)
    {
        _roots = roots;
        if (roots.Count == 0)
        {
            _logger.Info("No workspace folder: documents are served as loose files as they are opened.");
            lock (_gate)
                EnsureLanguageHost();
            return LastLoad = new LoadOutcome(CurrentSolution, _host, "no folder", false, null);
        }
        if (roots.Count > 1)
            _logger.Warning($"{roots.Count} workspace folders: NanoLsp loads the first ({roots[0]}); files elsewhere are served as loose files.");
        var outcome = await new WorkspaceLoader(_logger).LoadAsync(roots[0], progress, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var old = _host;
            var solution = outcome.Solution;
            // Documents opened before the load keep their editor text.
            foreach (var (path, open) in _open)
            {
                var text = open.Text;
                solution = SetText(solution, path, text, out var known);
                if (!known)
                    solution = AddToBestProject(solution, path, text, outcome.IsFallback ? solution.Projects.FirstOrDefault()?.Id : null, IsUnderRoot(path));
            }
            _host = outcome.Host;
            _placeholder = false;
            _looseProject = outcome.IsFallback
                ? solution.Projects.FirstOrDefault()?.Id
                : solution.Projects.FirstOrDefault(p => p.Name == WorkspaceLoader.LooseFilesName)?.Id;
            Volatile.Write(ref _solution, solution);
            LastLoad = outcome;
            if (!ReferenceEquals(old, _host))
                old.Dispose();
        }
        return outcome;
    }

    /// <summary>Loads the same folders again (a project or solution file changed on disk).</summary>
    public Task<LoadOutcome> ReloadAsync(Action<LoadProgress> progress, CancellationToken cancellationToken) =>
        LoadAsync(_roots, progress, cancellationToken);

    public Document? FindDocument(Solution solution, string uri)
    {
        if (!DocumentUris.TryToPath(uri, out var path))
            return null;
        var ids = solution.GetDocumentIdsWithFilePath(path);
        return ids.Length switch
        {
            0 => null,
            1 => solution.GetDocument(ids[0]),
            _ => solution.GetDocument(PreferredFramework(solution, ids)),
        };
    }

    /// <summary>
    /// A file of a multi-targeting project is a document of each framework's project ("Lib(net8.0)",
    /// "Lib(netstandard2.0)"): answer from the newest framework, as the build an editor shows would.
    /// </summary>
    private static DocumentId PreferredFramework(Solution solution, IReadOnlyList<DocumentId> ids)
    {
        var byFramework = ids.Select(id => (Id: id, Framework: TargetFrameworkPicker.FrameworkOfProjectName(solution.GetProject(id.ProjectId)?.Name))).ToList();
        var best = TargetFrameworkPicker.Pick(byFramework.Select(d => d.Framework).OfType<string>(), int.MaxValue);
        return byFramework.FirstOrDefault(d => d.Framework == best).Id ?? ids[0];
    }

    /// <summary>didOpen: the editor's text becomes the document's; a file no project includes becomes a loose document.</summary>
    public Document Open(string uri, string text, int version)
    {
        var path = DocumentUris.ToPath(uri);
        lock (_gate)
        {
            if (_placeholder && _solution.GetDocumentIdsWithFilePath(path).IsEmpty)
                EnsureLanguageHost();
            var sourceText = SourceText.From(text);
            var solution = SetText(_solution, path, sourceText, out var known);
            var loose = false;
            if (!known)
            {
                solution = AddToBestProject(solution, path, sourceText, _looseProject, IsUnderRoot(path));
                loose = true;
                _logger.Info($"{Path.GetFileName(path)} is in no loaded project: serving it as a loose file.");
            }
            _open[path] = new OpenDocument(uri, version, loose, sourceText);
            Volatile.Write(ref _solution, solution);
            return FindDocument(solution, uri)!;
        }
    }

    /// <summary>didChange: applies the changes in order, each against the text the previous one produced.</summary>
    public Document Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        var path = DocumentUris.ToPath(uri);
        lock (_gate)
        {
            if (!_open.TryGetValue(path, out var open))
                throw LspException.InvalidParams($"didChange for {uri}, which is not open.");
            var text = open.Text;
            foreach (var change in changes)
            {
                text = change.Range is null
                    ? SourceText.From(change.Text)
                    : text.WithChanges(new TextChange(PositionMapper.ToSpan(text, change.Range), change.Text));
            }
            var solution = SetText(_solution, path, text, out _);
            _open[path] = open with { Version = version, Text = text };
            Volatile.Write(ref _solution, solution);
            return FindDocument(solution, uri)!;
        }
    }

    /// <summary>didClose: the disk becomes the truth again (unsaved edits are gone); a loose document is dropped.</summary>
    public void Close(string uri)
    {
        var path = DocumentUris.ToPath(uri);
        lock (_gate)
        {
            if (!_open.Remove(path, out var open))
                return;
            var solution = _solution;
            if (open.AddedAsLoose && !IsUnderRoot(path))
                solution = Remove(solution, path);
            else
                solution = ReloadFromDisk(solution, path);
            Volatile.Write(ref _solution, solution);
        }
    }

    /// <summary>didChangeWatchedFiles for a .cs file: created files join the project whose folder holds them.</summary>
    public void FileChanged(string uri, FileChangeType change)
    {
        if (!DocumentUris.TryToPath(uri, out var path) || !path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || IsBuildOutput(path))
            return;
        lock (_gate)
        {
            if (_open.ContainsKey(path))
                return; // the editor owns an open document's text
            if (_placeholder && change != FileChangeType.Deleted)
                EnsureLanguageHost();
            var solution = _solution;
            var known = !solution.GetDocumentIdsWithFilePath(path).IsEmpty;
            solution = change switch
            {
                FileChangeType.Deleted => Remove(solution, path),
                _ when known => ReloadFromDisk(solution, path),
                _ when File.Exists(path) && IsUnderRoot(path) => AddToBestProject(solution, path, null, _looseProject, true),
                _ => solution,
            };
            if (!ReferenceEquals(solution, _solution))
                _logger.Debug($"{change} on disk: {path}");
            Volatile.Write(ref _solution, solution);
        }
    }

    /// <summary>
    /// Files a build writes under obj/ or bin/ (AssemblyInfo.cs, GlobalUsings.g.cs) are already part of
    /// the project through MSBuild; adding them again as sources would duplicate their attributes.
    /// </summary>
    public static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(segment => segment is "obj" or "bin");

    private bool IsUnderRoot(string path) =>
        _roots.Any(r => path.StartsWith(Path.GetFullPath(r).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    private static Solution SetText(Solution solution, string path, SourceText text, out bool known)
    {
        var ids = solution.GetDocumentIdsWithFilePath(path);
        known = !ids.IsEmpty;
        // A linked file (one path in several projects) gets the text in each.
        foreach (var id in ids)
            solution = solution.WithDocumentText(id, text, PreservationMode.PreserveIdentity);
        return solution;
    }

    private static Solution Remove(Solution solution, string path)
    {
        var ids = solution.GetDocumentIdsWithFilePath(path);
        return ids.IsEmpty ? solution : solution.RemoveDocuments(ids);
    }

    private static Solution ReloadFromDisk(Solution solution, string path)
    {
        if (!File.Exists(path))
            return Remove(solution, path);
        var loader = new FileTextLoader(path, defaultEncoding: null);
        foreach (var id in solution.GetDocumentIdsWithFilePath(path))
            solution = solution.WithDocumentTextLoader(id, loader, PreservationMode.PreserveValue);
        return solution;
    }

    /// <summary>The C# project whose folder is the deepest one holding the file; else the miscellaneous project.</summary>
    private static Solution AddToBestProject(Solution solution, string path, SourceText? text, ProjectId? looseProject, bool underRoot)
    {
        var project = solution.Projects
            .Where(p => p.Language == LanguageNames.CSharp && p.FilePath is not null && p.Name != LooseProjects.MiscellaneousName)
            .Select(p => (Project: p, Folder: Path.GetDirectoryName(p.FilePath)! + Path.DirectorySeparatorChar))
            .Where(p => path.StartsWith(p.Folder, StringComparison.Ordinal))
            .OrderByDescending(p => p.Folder.Length)
            .Select(p => p.Project)
            .FirstOrDefault();
        // After a fallback load the generated loose project compiles the folder's files: it takes new ones too.
        if (project is null && looseProject is not null && underRoot)
            project = solution.GetProject(looseProject);
        if (project is null)
        {
            project = solution.Projects.FirstOrDefault(p => p.Name == LooseProjects.MiscellaneousName);
            if (project is null)
            {
                solution = LooseProjects.AddLooseProject(solution, LooseProjects.MiscellaneousName, null, []);
                project = solution.Projects.First(p => p.Name == LooseProjects.MiscellaneousName);
            }
        }
        return LooseProjects.AddFile(solution, project.Id, path, text);
    }

    public void Dispose()
    {
        lock (_gate)
            _host.Dispose();
    }
}
