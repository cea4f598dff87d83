using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoLsp.Server.Transport;

namespace NanoLsp.Driver;

/// <summary>An LSP error answer, as the server sent it.</summary>
public sealed class LspResponseException(int code, string message) : Exception($"LSP error {code}: {message}")
{
    public int Code { get; } = code;
    public string ServerMessage { get; } = message;
}

/// <summary>
/// A small LSP client over the real server process's stdio. Hand-written rather than StreamJsonRpc so
/// tests can also send raw, malformed frames and see every message the server sends.
/// Server-to-client requests (registerCapability, workDoneProgress/create, configuration) are
/// answered with null and recorded.
/// </summary>
public sealed class LspClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly List<JsonElement> _notifications = [];
    private readonly StringBuilder _stderr = new();
    private readonly Task _readLoop;
    private long _nextId;

    /// <summary>Raised for every notification and server request (on the reader thread).</summary>
    public event Action<JsonElement>? MessageReceived;

    private readonly RecordingStream? _raw;

    private LspClient(Process process, bool recordRawOutput)
    {
        _process = process;
        if (recordRawOutput)
            _raw = new RecordingStream(process.StandardOutput.BaseStream);
        _input = process.StandardInput.BaseStream;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lock (_stderr)
                    _stderr.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the server wrote to stderr so far (its log).</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    /// <summary>
    /// Waits until the server's stdout ends (after exit): a native library's buffered printf reaches the
    /// pipe only when the process exits, so a check of the raw output belongs after this.
    /// </summary>
    public Task WaitForOutputEndAsync(TimeSpan timeout) => _readLoop.WaitAsync(timeout);

    /// <summary>Every byte the server wrote to stdout so far, when started with recordRawOutput.</summary>
    public byte[] RawOutput => _raw?.Recorded() ?? throw new InvalidOperationException("Start the client with recordRawOutput to keep the raw output.");

    /// <param name="environment">Variables to set for the server (null values remove one).</param>
    public static LspClient Start(string? serverDll = null, string? workingDirectory = null, bool recordRawOutput = false, IReadOnlyDictionary<string, string?>? environment = null) =>
        StartCommand("dotnet", [serverDll ?? ServerLocator.Find(), "--stdio"], workingDirectory, recordRawOutput, environment);

    /// <summary>Any LSP server that speaks over its stdio (another C# server, for measuring side by side).</summary>
    public static LspClient StartCommand(string executable, IReadOnlyList<string> arguments, string? workingDirectory = null, bool recordRawOutput = false,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        // Under `dotnet test`/`dotnet run`, MSBuild variables of the parent would mislead the server's MSBuild.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
        return new LspClient(process, recordRawOutput);
    }

    /// <summary>initialize (with the root folder) + initialized; returns the initialize result.</summary>
    public Task<JsonElement> InitializeAsync(string rootFolder, JsonObject? capabilities = null, JsonNode? initializationOptions = null, CancellationToken cancellationToken = default) =>
        InitializeAsync([rootFolder], capabilities, initializationOptions, cancellationToken);

    /// <summary>initialize with several workspace folders (the first is also rootUri) + initialized.</summary>
    public async Task<JsonElement> InitializeAsync(IReadOnlyList<string> rootFolders, JsonObject? capabilities = null, JsonNode? initializationOptions = null, CancellationToken cancellationToken = default)
    {
        var roots = rootFolders.Select(Path.GetFullPath).ToList();
        var result = await RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = ToUri(roots[0]),
            ["workspaceFolders"] = new JsonArray([.. roots.Select(WorkspaceFolder)]),
            ["capabilities"] = capabilities ?? DefaultCapabilities(),
            ["initializationOptions"] = initializationOptions,
        }, cancellationToken).ConfigureAwait(false);
        await NotifyAsync("initialized", new JsonObject()).ConfigureAwait(false);
        return result;
    }

    /// <summary>A client like VS Code's, but with push diagnostics (no textDocument.diagnostic).</summary>
    public static JsonObject DefaultCapabilities() => new()
    {
        ["window"] = new JsonObject { ["workDoneProgress"] = true },
        ["workspace"] = new JsonObject
        {
            ["didChangeWatchedFiles"] = new JsonObject { ["dynamicRegistration"] = true },
            ["configuration"] = false,
        },
        ["textDocument"] = new JsonObject
        {
            ["hover"] = new JsonObject { ["contentFormat"] = new JsonArray("markdown", "plaintext") },
            ["completion"] = new JsonObject { ["completionItem"] = new JsonObject { ["snippetSupport"] = false } },
            ["codeAction"] = new JsonObject { ["resolveSupport"] = new JsonObject { ["properties"] = new JsonArray("edit") } },
        },
    };

    /// <summary>A WorkspaceFolder for initialize or workspace/didChangeWorkspaceFolders.</summary>
    public static JsonObject WorkspaceFolder(string folder) => new() { ["uri"] = ToUri(folder), ["name"] = Path.GetFileName(Path.GetFullPath(folder)) };

    public static string ToUri(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    public Task OpenAsync(string path, string? text = null, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject
            {
                ["uri"] = ToUri(path),
                ["languageId"] = "csharp",
                ["version"] = version,
                ["text"] = text ?? File.ReadAllText(path),
            },
        });

    public async Task<JsonElement> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken = default)
    {
        var (id, response) = await SendRequestAsync(method, parameters).ConfigureAwait(false);
        using var registration = cancellationToken.Register(() => _pending.TryRemove(id, out _));
        return await response.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request and returns its id (for $/cancelRequest) and the pending answer.</summary>
    public async Task<(long Id, Task<JsonElement> Response)> SendRequestAsync(string method, JsonNode? parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var response = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
            message["params"] = parameters;
        await SendRawAsync(Encoding.UTF8.GetBytes(message.ToJsonString())).ConfigureAwait(false);
        return (id, response.Task);
    }

    /// <summary>As <see cref="SendRequestAsync(string, JsonNode?)"/> with params already serialised (benchmarks: no client-side serialisation in the timing).</summary>
    public async Task<(long Id, Task<JsonElement> Response)> SendRequestAsync(string method, ReadOnlyMemory<byte> rawParams)
    {
        var id = Interlocked.Increment(ref _nextId);
        var response = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        var head = Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":{JsonSerializer.Serialize(method)},\"params\":");
        var body = new byte[head.Length + rawParams.Length + 1];
        head.CopyTo(body, 0);
        rawParams.CopyTo(body.AsMemory(head.Length));
        body[^1] = (byte)'}';
        await SendRawAsync(body).ConfigureAwait(false);
        return (id, response.Task);
    }

    /// <summary>Sends a request body built elsewhere with this id in it (the fuzzer's messages carry their ids, so a
    /// run replays byte for byte); returns the pending answer.</summary>
    public async Task<Task<JsonElement>> SendRequestBodyAsync(long id, byte[] body)
    {
        var response = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(id, response))
            throw new InvalidOperationException($"A request with id {id} is already pending.");
        await SendRawAsync(body).ConfigureAwait(false);
        return response.Task;
    }

    /// <summary>Closes the server's stdin, as a client that dies does.</summary>
    public void CloseInput() => _input.Close();

    /// <summary>The server's resident memory now (VmRSS), or 0 once it has exited.</summary>
    public long ResidentMemoryBytes()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.WorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    public Task NotifyAsync(string method, JsonNode? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (parameters is not null)
            message["params"] = parameters;
        return SendRawAsync(Encoding.UTF8.GetBytes(message.ToJsonString()));
    }

    public Task CancelAsync(long id) => NotifyAsync("$/cancelRequest", new JsonObject { ["id"] = id });

    /// <summary>Sends one frame with this body as is (it may be malformed on purpose).</summary>
    public async Task SendRawAsync(byte[] body)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _input.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n")).ConfigureAwait(false);
            await _input.WriteAsync(body).ConfigureAwait(false);
            await _input.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes bytes with no framing at all (to test the server's header handling).</summary>
    public async Task SendBytesAsync(byte[] bytes)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _input.WriteAsync(bytes).ConfigureAwait(false);
            await _input.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private readonly List<JsonElement> _unaddressed = [];

    /// <summary>Responses to no pending request: answers to messages the server could not read.</summary>
    public IReadOnlyList<JsonElement> UnaddressedResponses
    {
        get
        {
            lock (_notifications)
                return _unaddressed.ToList();
        }
    }

    /// <summary>Waits for a notification (already received or still to come) matching the method and predicate.</summary>
    public async Task<JsonElement> WaitForNotificationAsync(string method, Func<JsonElement, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            lock (_notifications)
            {
                foreach (var message in _notifications)
                {
                    if (message.GetProperty("method").GetString() == method
                        && (predicate is null || predicate(message.TryGetProperty("params", out var p) ? p : default)))
                        return message.TryGetProperty("params", out var found) ? found : default;
                }
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No {method} within {timeout ?? TimeSpan.FromSeconds(60)}. Server log:\n{Stderr}");
            if (_readLoop.IsCompleted)
                throw new InvalidOperationException($"The server closed its output while waiting for {method}. Server log:\n{Stderr}");
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Every notification and server request received so far, in order.</summary>
    public IReadOnlyList<JsonElement> Messages
    {
        get
        {
            lock (_notifications)
                return _notifications.ToList();
        }
    }

    /// <summary>Drops recorded notifications (so a later wait sees only new ones).</summary>
    public void ClearMessages()
    {
        lock (_notifications)
            _notifications.Clear();
    }

    /// <summary>The CPU time the server has used so far, user and system, all its threads (zero once it has exited).</summary>
    public TimeSpan CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>Peak resident memory of the server so far (on Linux .NET reads it from /proc: VmHWM).</summary>
    public long PeakMemoryBytes()
    {
        try
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return 0; // the process has exited: /proc no longer has it
        }
    }

    /// <summary>shutdown + exit; returns the exit code.</summary>
    public async Task<int> ShutdownAsync(TimeSpan? timeout = null)
    {
        await RequestAsync("shutdown", null).WaitAsync(timeout ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await NotifyAsync("exit", null).ConfigureAwait(false);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    private async Task ReadLoopAsync()
    {
        var reader = new FrameReader(PipeReader.Create(_raw ?? _process.StandardOutput.BaseStream));
        try
        {
            while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false) is { Body: { } body })
            {
                var message = JsonDocument.Parse(body).RootElement.Clone();
                var hasMethod = message.TryGetProperty("method", out _);
                var hasId = message.TryGetProperty("id", out var id);
                if (!hasMethod && hasId)
                {
                    if (id.ValueKind == JsonValueKind.Number && _pending.TryRemove(id.GetInt64(), out var waiter))
                    {
                        if (message.TryGetProperty("error", out var error))
                            waiter.TrySetException(new LspResponseException(error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString() ?? ""));
                        else
                            waiter.TrySetResult(message.TryGetProperty("result", out var result) ? result : default);
                    }
                    else
                    {
                        lock (_notifications)
                            _unaddressed.Add(message);
                    }
                    continue;
                }
                lock (_notifications)
                    _notifications.Add(message);
                if (hasMethod && hasId)
                    await SendRawAsync(Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{id.GetRawText()},\"result\":null}}")).ConfigureAwait(false);
                MessageReceived?.Invoke(message);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
        finally
        {
            foreach (var waiter in _pending.Values)
                waiter.TrySetException(new IOException($"The server closed its output. Server log:\n{Stderr}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _input.Close();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        await Task.WhenAny(_readLoop, Task.Delay(2000)).ConfigureAwait(false);
        _process.Dispose();
    }
}
