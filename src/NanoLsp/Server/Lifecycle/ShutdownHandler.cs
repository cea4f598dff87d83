using NanoLsp.Protocol;

namespace NanoLsp.Server.Lifecycle;

public sealed class ShutdownHandler(ServerServices services) : IRequestHandler<NoParams, object?>
{
    public string Method => LspMethods.Shutdown;
    public bool MutatesState => true;

    public Task<object?> HandleAsync(NoParams request, RequestContext context, CancellationToken cancellationToken)
    {
        services.State.Phase = LifecyclePhase.ShuttingDown;
        services.Diagnostics.Stop();
        services.Logger.Info("Shutdown requested; waiting for exit.");
        return Task.FromResult<object?>(null);
    }
}

public sealed class ExitHandler(ServerServices services) : INotificationHandler<NoParams>
{
    public string Method => LspMethods.Exit;
    public bool MutatesState => true;

    public Task HandleAsync(NoParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        services.State.RequestExit();
        return Task.CompletedTask;
    }
}
