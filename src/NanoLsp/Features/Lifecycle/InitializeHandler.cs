using NanoLsp.Logging;
using System.Reflection;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.Lifecycle;

public sealed class InitializeHandler(ServerState state, ServerCapabilitiesBuilder capabilities, ILog logger) : IRequestHandler<InitializeParams, InitializeResult>
{
    public string Method => LspMethods.Initialize;
    public bool MutatesState => true;

    public Task<InitializeResult> HandleAsync(InitializeParams request, RequestContext context, CancellationToken cancellationToken)
    {
        state.InitializeParams = request;
        state.ClientCapabilities = new ClientCapabilities(request.Capabilities);
        if (request.InitializationOptions is { } options)
        {
            var problems = new List<string>();
            state.Settings = state.Settings.Apply(options, problems);
            foreach (var problem in problems)
                logger.Warning($"initializationOptions: {problem}");
        }
        // Requests may follow the initialize answer before the initialized notification arrives.
        state.Phase = LifecyclePhase.Initialized;
        return Task.FromResult(new InitializeResult(capabilities.Build(state.ClientCapabilities), new ServerInfo("NanoLsp", Version)));
    }

    public static string Version { get; } =
        typeof(InitializeHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
