using NanoLsp.Logging;
using NanoLsp.Features.Diagnostics;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.Lifecycle;

public sealed class ShutdownHandler(ServerState state, DiagnosticsPublisher diagnostics, ILog logger) : IRequestHandler<NoParams, object?>
{
    public string Method => LspMethods.Shutdown;
    public bool MutatesState => true;

    public Task<object?> HandleAsync(NoParams request, RequestContext context, CancellationToken cancellationToken)
    {
        state.Phase = LifecyclePhase.ShuttingDown;
        diagnostics.Stop();
        logger.Info("Shutdown requested; waiting for exit.");
        return Task.FromResult<object?>(null);
    }
}

public sealed class ExitHandler(ServerState state) : INotificationHandler<NoParams>
{
    public string Method => LspMethods.Exit;
    public bool MutatesState => true;

    public Task HandleAsync(NoParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        state.RequestExit();
        return Task.CompletedTask;
    }
}
