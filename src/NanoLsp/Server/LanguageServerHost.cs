using NanoLsp.Logging;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.CodeAnalysis;
using NonConcurrentSynchronizationContext = Microsoft.VisualStudio.Threading.NonConcurrentSynchronizationContext;
using NanoLsp.Protocol;
using NanoLsp.Server.Transport;
using NanoLsp.Workspace;
using StreamJsonRpc;

namespace NanoLsp.Server;

/// <summary>
/// The JSON-RPC host: StreamJsonRpc over the client's streams (framed by <see cref="TolerantMessageHandler"/>),
/// every handler the composition root built registered by its method name, each call checked
/// against the lifecycle and run through the <see cref="RequestQueue"/>.
/// </summary>
public sealed class LanguageServerHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly JsonRpc _rpc;
    private readonly ServerState _state = new();
    private readonly ServerLogger _logger;
    private readonly ComposedServer _composed;
    private readonly RequestQueue _queue;
    private readonly ILanguageClient _client;

    /// <summary>Methods whose handler failed in a way it did not expect: the user is told once per method
    /// (window/showMessage); the log has every failure.</summary>
    private readonly ConcurrentDictionary<string, byte> _toldFailure = new();

    /// <summary>NANOLSP_TEST_FAULT=METHOD makes that method's handler throw: the fault tests' crash in one
    /// handler (tests/NanoLsp.Tests/E2E/FaultTests.cs). Unset, it costs one string comparison per call.</summary>
    private readonly string? _injectedFault = Environment.GetEnvironmentVariable("NANOLSP_TEST_FAULT") is { Length: > 0 } fault ? fault : null;

    /// <param name="compose">Builds the services and handlers (NanoLsp.ServerComposition in the product).</param>
    public LanguageServerHost(Stream input, Stream output, Func<ServerCore, ComposedServer> compose)
    {
        _logger = new ServerLogger(() => _state.Settings);
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.PropertyNamingPolicy = SerializerOptions.PropertyNamingPolicy;
        formatter.JsonSerializerOptions.DefaultIgnoreCondition = SerializerOptions.DefaultIgnoreCondition;
        _rpc = new JsonRpc(new TolerantMessageHandler(input, output, formatter, message => _logger.Warning(message)))
        {
            // Handlers are invoked one at a time in arrival order up to their first await, which is
            // where they enter the RequestQueue: so the queue sees requests in the client's order.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        var client = new JsonRpcLanguageClient(_rpc, message => Console.Error.WriteLine(message));
        _client = client;
        _logger.Attach(client);
        _composed = compose(new ServerCore(_state, client, _logger));
        _queue = new RequestQueue(CreateContext, _logger);
        Register(_composed.Handlers);
    }

    /// <summary>Serves until the client sends exit or closes the stream; returns the process exit code.</summary>
    public async Task<int> RunAsync()
    {
        JsonRpcDisconnectedEventArgs? disconnected = null;
        _rpc.Disconnected += (_, e) => disconnected = e;
        _rpc.StartListening();
        // The end of the client's input ends _rpc (the handler reads no further message).
        var finished = await Task.WhenAny(_state.ExitCode, _rpc.Completion).ConfigureAwait(false);
        if (finished == _state.ExitCode)
            return await _state.ExitCode.ConfigureAwait(false);
        if (disconnected is { Reason: not DisconnectedReason.RemotePartyTerminated and not DisconnectedReason.LocallyDisposed })
            _logger.Error($"The connection ended ({disconnected.Reason}): {disconnected.Description} {disconnected.Exception}");
        else
            _logger.Info("The client closed the connection without exit.");
        return 1;
    }

    private RequestContext CreateContext(string? documentUri)
    {
        var snapshot = _composed.Workspace.Snapshot;
        return new()
        {
            Snapshot = snapshot,
            Document = documentUri is null ? null : ProtocolConversions.FindDocument(snapshot.Solution, documentUri),
        DocumentUri = documentUri,
        Logger = _logger,
        ClientCapabilities = _state.ClientCapabilities,
        Settings = _state.Settings,
        Sequence = Interlocked.Increment(ref _sequence),
        };
    }

    private long _sequence;

    private void Register(IReadOnlyList<ILspHandler> handlers)
    {
        var seen = new HashSet<string>();
        foreach (var handler in handlers)
        {
            if (!seen.Add(handler.Method))
                throw new InvalidOperationException($"The composition lists two handlers for {handler.Method}.");
            var (bridge, method) = CreateBridge(handler);
            _rpc.AddLocalRpcMethod(method, bridge, new JsonRpcMethodAttribute(handler.Method) { UseSingleObjectParameterDeserialization = true });
        }
    }

    private (object Bridge, MethodInfo Method) CreateBridge(ILspHandler handler)
    {
        foreach (var type in handler.GetType().GetInterfaces().Where(i => i.IsGenericType))
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            Type? bridgeType = null;
            if (definition == typeof(IRequestHandler<,>))
                bridgeType = typeof(RequestBridge<,>).MakeGenericType(arguments);
            else if (definition == typeof(INotificationHandler<>))
                bridgeType = typeof(NotificationBridge<>).MakeGenericType(arguments);
            if (bridgeType is null)
                continue;
            var bridge = Activator.CreateInstance(bridgeType, handler, this)!;
            var name = arguments[0] == typeof(NoParams) ? "InvokeWithoutParamsAsync" : "InvokeAsync";
            return (bridge, bridgeType.GetMethod(name)!);
        }
        throw new InvalidOperationException($"{handler.GetType().Name} implements neither IRequestHandler nor INotificationHandler.");
    }

    internal async Task<TResult> DispatchRequestAsync<TParams, TResult>(IRequestHandler<TParams, TResult> handler, JsonElement? rawParams, CancellationToken cancellationToken)
    {
        var refusal = CheckLifecycle(handler.Method);
        if (refusal is not null)
            throw refusal;
        var request = ParseParams<TParams>(handler.Method, rawParams);
        // Set on arrival, not when the handler runs: what follows initialize queues behind it, and an
        // exit that follows shutdown (exit is not queued) must see the shutdown.
        if (handler.Method == LspMethods.Initialize)
            _state.Phase = LifecyclePhase.Initializing;
        else if (handler.Method == LspMethods.Shutdown)
            _state.Phase = LifecyclePhase.ShuttingDown;
        var uri = (request as ITextDocumentParams)?.TextDocument?.Uri;
        var task = _queue.Enqueue(handler.Method, handler.MutatesState, uri, (context, ct) =>
            handler.Method == _injectedFault ? throw new InvalidOperationException("a fault injected by NANOLSP_TEST_FAULT") : handler.HandleAsync(request, context, ct),
            cancellationToken);
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (LspException e)
        {
            _logger.Debug($"{handler.Method}: {e.Message}");
            throw new LocalRpcException(e.Message) { ErrorCode = e.Code };
        }
        catch (WorkspaceException e)
        {
            _logger.Debug($"{handler.Method}: {e.Message}");
            throw new LocalRpcException(e.Message) { ErrorCode = LspErrorCodes.InvalidParams };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // StreamJsonRpc answers RequestCancelled (-32800) for a call whose token fired.
            throw;
        }
        catch (Exception e) when (e is not LocalRpcException)
        {
            ReportFailure(handler.Method, e);
            throw new LocalRpcException($"{handler.Method} failed: {e.Message}") { ErrorCode = LspErrorCodes.RequestFailed };
        }
    }

    internal async Task DispatchNotificationAsync<TParams>(INotificationHandler<TParams> handler, JsonElement? rawParams)
    {
        TParams notification;
        try
        {
            notification = ParseParams<TParams>(handler.Method, rawParams);
        }
        catch (LocalRpcException e)
        {
            _logger.Warning(e.Message);
            return;
        }
        if (handler.Method == LspMethods.Exit)
        {
            // Not queued: exit must work even while a long write (a workspace load) holds the queue.
            await handler.HandleAsync(notification, CreateContext(null), CancellationToken.None).ConfigureAwait(false);
            return;
        }
        if (_state.Phase is LifecyclePhase.Created or LifecyclePhase.ShuttingDown)
        {
            _logger.Warning($"Ignored {handler.Method}: the server is {(_state.Phase == LifecyclePhase.Created ? "not initialized" : "shutting down")}.");
            return;
        }
        var uri = (notification as ITextDocumentParams)?.TextDocument?.Uri;
        try
        {
            await _queue.Enqueue<bool>(handler.Method, handler.MutatesState, uri, async (context, ct) =>
            {
                if (handler.Method == _injectedFault)
                    throw new InvalidOperationException("a fault injected by NANOLSP_TEST_FAULT");
                await handler.HandleAsync(notification, context, ct).ConfigureAwait(false);
                return true;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is LspException or WorkspaceException)
        {
            _logger.Warning($"{handler.Method}: {e.Message}");
        }
        catch (Exception e)
        {
            ReportFailure(handler.Method, e);
        }
    }

    /// <summary>A handler threw what it should have answered: logged each time, shown to the user once per method.</summary>
    private void ReportFailure(string method, Exception e)
    {
        _logger.Error($"{method} failed: {e}");
        if (_toldFailure.TryAdd(method, 0))
        {
            _ = _client.NotifyAsync(LspMethods.WindowShowMessage, new ShowMessageParams(MessageType.Error,
                $"NanoLsp: {method} failed ({e.GetType().Name}: {e.Message}). Everything else keeps working; the NanoLsp output has the details, and further failures of {method} are only logged there."));
        }
    }

    /// <summary>
    /// Params are bound here rather than by StreamJsonRpc so that a wrong shape is answered
    /// InvalidParams (-32602) with the reason, instead of a generic invocation error.
    /// </summary>
    private static TParams ParseParams<TParams>(string method, JsonElement? raw)
    {
        if (typeof(TParams) == typeof(NoParams))
            return (TParams)(object)new NoParams();
        TParams parsed;
        try
        {
            // Missing params bind as an empty object, so the check below names what is missing.
            parsed = raw is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } element
                ? element.Deserialize<TParams>(SerializerOptions)!
                : JsonSerializer.Deserialize<TParams>("{}", SerializerOptions)!;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new LocalRpcException($"Invalid params for {method}: {e.Message}") { ErrorCode = LspErrorCodes.InvalidParams };
        }
        if (ParamsValidator.FindMissing(parsed) is { } missing)
            throw new LocalRpcException($"Invalid params for {method}: {missing} is required.") { ErrorCode = LspErrorCodes.InvalidParams };
        return parsed;
    }

    private LocalRpcException? CheckLifecycle(string method) => _state.Phase switch
    {
        LifecyclePhase.Created when method != LspMethods.Initialize =>
            new LocalRpcException($"The server is not initialized: send initialize before {method}.") { ErrorCode = LspErrorCodes.ServerNotInitialized },
        not LifecyclePhase.Created when method == LspMethods.Initialize =>
            new LocalRpcException("initialize was already received.") { ErrorCode = LspErrorCodes.InvalidRequest },
        LifecyclePhase.ShuttingDown when method != LspMethods.Shutdown =>
            new LocalRpcException($"The server is shutting down: {method} is not accepted after shutdown.") { ErrorCode = LspErrorCodes.InvalidRequest },
        _ => null,
    };

    /// <summary>Lets native work in flight (a model load) settle, up to <paramref name="limit"/>: called before
    /// disposing when the client ends the session.</summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        var drains = _composed.Owned.OfType<IDrainsBeforeExit>().Select(d => d.DrainAsync());
        await Task.WhenAny(Task.WhenAll(drains), Task.Delay(limit)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _queue.DisposeAsync().ConfigureAwait(false);
        _rpc.Dispose();
        await _composed.DisposeAsync().ConfigureAwait(false);
    }

    // StreamJsonRpc binds JSON-RPC methods to MethodInfos with a target: one small bridge object per
    // handler gives it a strongly typed method to deserialise the params for.
    private sealed class RequestBridge<TParams, TResult>(IRequestHandler<TParams, TResult> handler, LanguageServerHost host)
    {
        public Task<TResult> InvokeAsync(JsonElement? request, CancellationToken cancellationToken) =>
            host.DispatchRequestAsync(handler, request, cancellationToken);

        public Task<TResult> InvokeWithoutParamsAsync(CancellationToken cancellationToken) =>
            host.DispatchRequestAsync(handler, null, cancellationToken);
    }

    private sealed class NotificationBridge<TParams>(INotificationHandler<TParams> handler, LanguageServerHost host)
    {
        public Task InvokeAsync(JsonElement? notification) => host.DispatchNotificationAsync(handler, notification);

        public Task InvokeWithoutParamsAsync() => host.DispatchNotificationAsync(handler, null);
    }
}
