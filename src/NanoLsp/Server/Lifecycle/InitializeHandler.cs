using System.Reflection;
using NanoLsp.Protocol;

namespace NanoLsp.Server.Lifecycle;

public sealed class InitializeHandler(ServerServices services) : IRequestHandler<InitializeParams, InitializeResult>
{
    public string Method => LspMethods.Initialize;
    public bool MutatesState => true;

    public Task<InitializeResult> HandleAsync(InitializeParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var state = services.State;
        state.InitializeParams = request;
        state.ClientCapabilities = new ClientCapabilities(request.Capabilities);
        if (request.InitializationOptions is { } options)
        {
            var problems = new List<string>();
            state.Settings = state.Settings.Apply(options, problems);
            foreach (var problem in problems)
                services.Logger.Warning($"initializationOptions: {problem}");
        }
        // Requests may follow the initialize answer before the initialized notification arrives.
        state.Phase = LifecyclePhase.Initialized;
        var capabilities = services.Capabilities.Build(state.ClientCapabilities);
        return Task.FromResult(new InitializeResult(capabilities, new ServerInfo("NanoLsp", Version)));
    }

    public static string Version { get; } =
        typeof(InitializeHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
