using NanoLsp.Logging;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using System.Collections.Immutable;

namespace NanoLsp.Workspace;

/// <summary>
/// The one owner of document text and Roslyn Solution snapshots. Writes (text sync, files on disk,
/// loading) replace the current Solution under a lock; readers take <see cref="CurrentSolution"/>,
/// an immutable snapshot. Edits never go back through the Roslyn workspace (MSBuildWorkspace would
/// write them to disk): the Solution here is the truth.
/// </summary>
public sealed class WorkspaceManager : IDisposable
{
    private readonly ILog _logger;

    private readonly object _gate = new();
    // Open documents by path: the editor's text (the truth while open) and what the snapshot reports of them.
    private readonly Dictionary<string, SourceText> _openText = new(StringComparer.Ordinal);
    private readonly EditHistory _editHistory = new();
    // Until the first load or loose file: an empty solution on a workspace without language services, so that
    // nothing waits here for Roslyn's full composition (RoslynHost: 200-300 ms of CPU, started with the server).
    private Microsoft.CodeAnalysis.Workspace _host = new AdhocWorkspace(RoslynHost.WorkspaceLayerOnly());
    private WorkspaceSnapshot _snapshot;
    private bool _placeholder = true;

    /// <summary>Where full loads are kept for the next start and the provisional solution (<see cref="DesignTimeCache"/>).</summary>
    public string DesignTimeCacheFolder { get; init; } = DesignTimeCache.DefaultFolder();

    /// <summary>The solution or project files the user chose to load (nanolsp.workspace.solutions), read by each load
    /// that starts after it is set (<see cref="WorkspaceLoader.FindProjectFiles"/>).</summary>
    public IReadOnlyList<string> ChosenProjectFiles
    {
        get => Volatile.Read(ref _chosenProjectFiles);
        set => Volatile.Write(ref _chosenProjectFiles, value);
    }

    private IReadOnlyList<string> _chosenProjectFiles = [];

    public WorkspaceManager(ILog logger)
    {
        _logger = logger;
        _snapshot = new WorkspaceSnapshot(_host.CurrentSolution, ImmutableDictionary.Create<string, OpenDocumentState>(StringComparer.Ordinal));
    }

    /// <summary>Swaps the placeholder for a workspace with C# services before a project is added to it.</summary>
    private void EnsureLanguageHost()
    {
        if (!_placeholder)
            return;
        _host.Dispose();
        _host = new PartialSemanticsWorkspace(RoslynHost.Services);
        _snapshot = _snapshot with { Solution = _host.CurrentSolution };
        _placeholder = false;
    }
    private IReadOnlyList<string> _roots = [];
    // Per workspace folder, the project that takes new files no project's folder holds (after a fallback load).
    private IReadOnlyDictionary<string, ProjectId> _looseProjects = new Dictionary<string, ProjectId>();

    /// <summary>The Solution and the open documents' versions, as one immutable snapshot.</summary>
    public WorkspaceSnapshot Snapshot => Volatile.Read(ref _snapshot);

    private readonly TaskCompletionSource _firstOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a document is first opened (work that needs an open document waits for it).</summary>
    public Task FirstOpened => _firstOpened.Task;

    public Solution CurrentSolution => Snapshot.Solution;

    private void Publish(Solution solution, ImmutableDictionary<string, OpenDocumentState>? open = null) =>
        Volatile.Write(ref _snapshot, new WorkspaceSnapshot(solution, open ?? _snapshot.Open) { Provisional = _provisional });

    // Between LoadProvisional and the end of the real load.
    private bool _provisional;
    // The provisional solution is the open files alone (a repository too big for the quick pass): files changed or
    // created on disk do not join it (the load lists them, and what changes meanwhile is applied again after it).
    private bool _openFilesOnly;
    // One load at a time: loads run off the request queue, and another may be asked for meanwhile.
    private readonly SemaphoreSlim _loading = new(1, 1);
    // .cs files created, changed or deleted on disk while a load runs (null when none runs): applied again to the loaded
    // solution when it is served, since MSBuild may have listed the project's files and the warm-up read their text before.
    private List<(string Path, FileChange Change)>? _changedDuringLoad;

    /// <summary>NANOLSP_TEST_LOAD_DELAY_MS holds a loaded solution back before it is served (tests of what is served while a
    /// load runs: a small project loads too fast to see it otherwise).</summary>
    private static readonly TimeSpan? TestLoadDelay =
        int.TryParse(Environment.GetEnvironmentVariable("NANOLSP_TEST_LOAD_DELAY_MS"), out var ms) && ms > 0 ? TimeSpan.FromMilliseconds(ms) : null;

    /// <summary>
    /// Serves the folders at once from in-memory projects (<see cref="ProvisionalProjects"/>) until
    /// <see cref="LoadAsync"/> replaces them with MSBuild's. Returns what it built, for the log.
    /// </summary>
    public ProvisionalProjects.Result LoadProvisional(IReadOnlyList<string> roots)
    {
        lock (_gate)
        {
            if (roots.Count == 0)
                return new ProvisionalProjects.Result(CurrentSolution, 0, 0, "no folder");
            EnsureLanguageHost();
            ProvisionalProjects.Result result;
            try
            {
                result = ProvisionalProjects.Create(CurrentSolution, roots, DesignTimeCacheFolder, _logger, chosen: ChosenProjectFiles);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // The quick pass is an extra: without it, requests wait for the real load.
                _logger.Warning($"No provisional solution: {e.Message}");
                return new ProvisionalProjects.Result(CurrentSolution, 0, 0, e.Message);
            }
            ProjectId? openFiles = null;
            if (result.TooManyFiles)
            {
                // Too big to compile every file now: the files the editor opens are served alone (they join this project
                // as they open: it is every folder's loose project until the load ends).
                result = result with { Solution = ProvisionalProjects.AddOpenFilesProject(CurrentSolution, out var id), Skipped = null, Projects = 1, From = $"the open files alone ({result.Skipped})" };
                openFiles = id;
                _looseProjects = roots.ToDictionary(r => r, _ => id, StringComparer.Ordinal);
                _openFilesOnly = true;
            }
            if (result.Skipped is not null)
                return result;
            _roots = roots;
            var solution = result.Solution;
            var open = _snapshot.Open;
            foreach (var (path, text) in _openText)
            {
                solution = SetText(solution, path, text, out var known);
                if (!known)
                    solution = AddToBestProject(solution, path, text, openFiles, IsUnderRoot(path));
            }
            _provisional = true;
            Publish(solution, open);
            return result;
        }
    }

    /// <summary>What the last load produced (null before the first).</summary>
    public LoadOutcome? LastLoad { get; private set; }

    /// <param name="warmUp">Run on the loaded solution (with the open documents' text) before it is served: what the first
    /// requests after the load would compute (the open documents' compilation and diagnostics) is computed while the
    /// solution served before still answers. Edits made meanwhile are applied after it, incrementally. It gets the
    /// documents that answer for the open files (<see cref="PreferredDocument"/>: one per file), in the order opened.</param>
    public async Task<LoadOutcome> LoadAsync(IReadOnlyList<string> roots, Action<LoadProgress> progress, CancellationToken cancellationToken,
        Func<Solution, IReadOnlyList<DocumentId>, CancellationToken, Task>? warmUp = null)
    {
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await LoadOnceAsync(roots, progress, warmUp, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<LoadOutcome> LoadOnceAsync(IReadOnlyList<string> roots, Action<LoadProgress> progress,
        Func<Solution, IReadOnlyList<DocumentId>, CancellationToken, Task>? warmUp, CancellationToken cancellationToken)
    {
        var hadFolders = _roots.Count > 0 && !_provisional;
        _roots = roots;
        if (roots.Count == 0)
        {
            _logger.Info("No workspace folder: documents are served as loose files as they are opened.");
            lock (_gate)
            {
                EnsureLanguageHost();
                if (hadFolders)
                    DropFolders();
                _provisional = false;
            }
            return LastLoad = new LoadOutcome(CurrentSolution, _host, "no folder", false, null);
        }
        lock (_gate)
            _changedDuringLoad = [];
        try
        {
            var outcome = await new WorkspaceLoader(_logger) { DesignTimeCacheFolder = DesignTimeCacheFolder, ChosenProjectFiles = ChosenProjectFiles }.LoadAsync(roots, progress, cancellationToken).ConfigureAwait(false);
            (Solution Solution, IReadOnlyList<string> Open)? warm = warmUp is null ? null : await WarmUpAsync(outcome, warmUp, progress, cancellationToken).ConfigureAwait(false);
            if (TestLoadDelay is { } delay)
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                var old = _host;
                // Documents opened before the load keep their editor text (after a warm-up: the edits made during it). A
                // document closed during the warm-up has its editor text in the warm solution: the cold one is served then.
                var loaded = warm is not null && warm.Value.Open.All(_openText.ContainsKey) ? warm.Value.Solution : outcome.Solution;
                var solution = WithOpenDocuments(loaded, outcome.LooseProjects);
                _host = outcome.Host;
                _placeholder = false;
                _looseProjects = outcome.LooseProjects;
                _provisional = false;
                _openFilesOnly = false;
                // A file changed during the load that the loaded projects leave out stays out: the project file may exclude it now.
                foreach (var (path, change) in _changedDuringLoad!.Where(c => !_openText.ContainsKey(c.Path)))
                    solution = WithFileChange(solution, path, change, addChanged: false);
                Publish(solution);
                LastLoad = outcome;
                if (!ReferenceEquals(old, _host))
                    old.Dispose();
            }
            return outcome;
        }
        finally
        {
            lock (_gate)
                _changedDuringLoad = null;
        }
    }

    /// <summary>The solution with every open document's editor text; a document no project has becomes a loose one.
    /// Text already there is kept as it is (Roslyn keeps the same solution for the same text).</summary>
    private Solution WithOpenDocuments(Solution solution, IReadOnlyDictionary<string, ProjectId> looseProjects)
    {
        foreach (var (path, text) in _openText)
        {
            solution = SetText(solution, path, text, out var known);
            if (!known)
                solution = AddToBestProject(solution, path, text, LooseProjectFor(looseProjects, path), IsUnderRoot(path));
        }
        return solution;
    }

    /// <summary>The loaded solution with the open documents' text, warmed up; and the documents open then (by path).</summary>
    private async Task<(Solution Solution, IReadOnlyList<string> Open)> WarmUpAsync(LoadOutcome outcome,
        Func<Solution, IReadOnlyList<DocumentId>, CancellationToken, Task> warmUp, Action<LoadProgress> progress, CancellationToken cancellationToken)
    {
        Solution draft;
        List<string> paths;
        lock (_gate)
        {
            draft = WithOpenDocuments(outcome.Solution, outcome.LooseProjects);
            paths = [.. _openText.Keys];
        }
        // The documents the requests will read: one per path, the framework that answers for a file of a multi-targeting
        // project. All of a path's documents, in the solution's order, once put another framework's last, and the warm-up
        // (of the last) compiled a project no request asked for: on ThreeMammals/Ocelot (three frameworks) the first
        // edit's diagnostics after the load took 1.0-1.3 s in most runs instead of about 0.1 s.
        var open = paths.Select(path => PreferredDocument.Find(draft, path)?.Id).OfType<DocumentId>().ToList();
        if (open.Count == 0)
            return (draft, paths);
        progress(new LoadProgress("Compiling the open documents", 0, 0));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await warmUp(draft, open, cancellationToken).ConfigureAwait(false);
            _logger.Debug($"The loaded solution was warmed up for {open.Count} open document(s) in {watch.ElapsedMilliseconds} ms before it was served.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.Debug($"Warming the loaded solution up failed (it is served cold): {e.Message}");
        }
        return (draft, paths);
    }

    /// <summary>The last folder was removed: a fresh workspace where the open documents are loose files.</summary>
    private void DropFolders()
    {
        var old = _host;
        _host = new PartialSemanticsWorkspace(RoslynHost.Services);
        _looseProjects = new Dictionary<string, ProjectId>();
        var solution = _host.CurrentSolution;
        var open = _snapshot.Open;
        foreach (var (path, text) in _openText)
        {
            solution = AddToBestProject(solution, path, text, null, underRoot: false);
            if (open.TryGetValue(path, out var state))
                open = open.SetItem(path, state with { AddedAsLoose = true });
        }
        Publish(solution, open);
        old.Dispose();
    }

    /// <summary>didOpen: the editor's text becomes the document's; a file no project includes becomes a loose document.</summary>
    /// <param name="clientName">The name the client gave the document (its URI, as spelled); reported back, never parsed here.</param>
    public Document Open(string path, string clientName, string text, int version)
    {
        lock (_gate)
        {
            if (_placeholder && CurrentSolution.GetDocumentIdsWithFilePath(path).IsEmpty)
                EnsureLanguageHost();
            var sourceText = SourceText.From(text);
            var solution = SetText(CurrentSolution, path, sourceText, out var known);
            var loose = false;
            if (!known)
            {
                solution = AddToBestProject(solution, path, sourceText, LooseProjectFor(_looseProjects, path), IsUnderRoot(path));
                loose = true;
                _logger.Info($"{Path.GetFileName(path)} is in no loaded project: serving it as a loose file.");
            }
            _openText[path] = sourceText;
            _editHistory.Forget(path);
            Publish(solution, _snapshot.Open.SetItem(path, new OpenDocumentState(clientName, version, loose)));
            _firstOpened.TrySetResult();
            return _snapshot.FindDocument(path)!;
        }
    }

    /// <summary>didChange: <paramref name="edit"/> turns the open text into the new one (the caller converts
    /// the protocol's changes; an exception from it leaves the text as it was).</summary>
    /// <param name="edits">How many changes <paramref name="edit"/> makes one after another (a multi-cursor keystroke
    /// makes one per cursor): each is a link of the text's history (<see cref="EditHistory"/>).</param>
    public Document Change(string path, int version, Func<SourceText, SourceText> edit, int edits = 1)
    {
        lock (_gate)
        {
            if (!_openText.TryGetValue(path, out var text) || !_snapshot.Open.TryGetValue(path, out var open))
                throw new WorkspaceException($"{path} is not open: open it (didOpen) before changing it.");
            text = _editHistory.AfterEdits(path, edit(text), edits);
            var solution = SetText(CurrentSolution, path, text, out _);
            _openText[path] = text;
            Publish(solution, _snapshot.Open.SetItem(path, open with { Version = version }));
            return _snapshot.FindDocument(path)!;
        }
    }

    /// <summary>didClose: the disk becomes the truth again (unsaved edits are gone); a loose document is dropped.</summary>
    public void Close(string path)
    {
        lock (_gate)
        {
            if (!_snapshot.Open.TryGetValue(path, out var open))
                return;
            _openText.Remove(path);
            _editHistory.Forget(path);
            var solution = CurrentSolution;
            if (open.AddedAsLoose && !IsUnderRoot(path))
                solution = Remove(solution, path);
            else
                solution = ReloadFromDisk(solution, path);
            Publish(solution, _snapshot.Open.Remove(path));
        }
    }

    /// <summary>A .cs file changed on disk: created files join the project whose folder holds them.</summary>
    public void FileChanged(string path, FileChange change)
    {
        if (!path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || IsBuildOutput(path))
            return;
        lock (_gate)
        {
            if (_openText.ContainsKey(path))
                return; // the editor owns an open document's text
            if (_placeholder && change != FileChange.Deleted)
                EnsureLanguageHost();
            _changedDuringLoad?.Add((path, change));
            var solution = WithFileChange(CurrentSolution, path, change, addCreated: !_openFilesOnly, addChanged: !_openFilesOnly);
            if (!ReferenceEquals(solution, CurrentSolution))
                _logger.Debug($"{change} on disk: {path}");
            Publish(solution);
        }
    }

    /// <summary>The solution with a .cs file's change on disk (the file is not open): a file it lacks joins the project whose
    /// folder holds it when created (<paramref name="addCreated"/>) or changed (<paramref name="addChanged"/>).</summary>
    private Solution WithFileChange(Solution solution, string path, FileChange change, bool addCreated = true, bool addChanged = true) =>
        change switch
        {
            FileChange.Deleted => Remove(solution, path),
            _ when !solution.GetDocumentIdsWithFilePath(path).IsEmpty => ReloadFromDisk(solution, path),
            FileChange.Created when !addCreated => solution,
            FileChange.Changed when !addChanged => solution,
            _ when File.Exists(path) && IsUnderRoot(path) => AddToBestProject(solution, path, null, LooseProjectFor(_looseProjects, path), true),
            _ => solution,
        };

    /// <summary>
    /// Files a build writes under obj/ or bin/ (AssemblyInfo.cs, GlobalUsings.g.cs) are already part of
    /// the project through MSBuild; adding them again as sources would duplicate their attributes.
    /// </summary>
    public static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(segment => segment is "obj" or "bin");

    /// <summary>The workspace folders loaded last (several in a multi-root workspace).</summary>
    public IReadOnlyList<string> Roots => _roots;

    private bool IsUnderRoot(string path) => _roots.Any(r => WorkspaceLoader.IsUnder(r, path));

    /// <summary>The loose project of the innermost workspace folder holding the file, if that folder has one.</summary>
    private static ProjectId? LooseProjectFor(IReadOnlyDictionary<string, ProjectId> looseProjects, string path) =>
        looseProjects.Where(p => WorkspaceLoader.IsUnder(p.Key, path)).OrderByDescending(p => p.Key.Length).Select(p => (ProjectId?)p.Value).FirstOrDefault();

    // A linked file (one path in several projects) gets the text in each (why not as an edit in each: LinkedFileText).
    private static Solution SetText(Solution solution, string path, SourceText text, out bool known) =>
        LinkedFileText.WithText(solution, path, text, PreservationMode.PreserveIdentity, out known);

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
