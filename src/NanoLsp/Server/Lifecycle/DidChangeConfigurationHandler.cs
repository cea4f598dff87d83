using System.Text.Json;
using NanoLsp.Protocol;

namespace NanoLsp.Server.Lifecycle;

/// <summary>
/// Applies nanolsp.* settings. Clients that use the pull model (VS Code) send null settings; then the
/// server asks for its section with workspace/configuration.
/// </summary>
public sealed class DidChangeConfigurationHandler(ServerServices services) : INotificationHandler<DidChangeConfigurationParams>
{
    public string Method => LspMethods.WorkspaceDidChangeConfiguration;
    public bool MutatesState => true;

    public async Task HandleAsync(DidChangeConfigurationParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        var payload = notification.Settings;
        if (payload is not { ValueKind: JsonValueKind.Object } && services.State.ClientCapabilities.Supports("workspace", "configuration"))
            payload = await PullAsync(cancellationToken).ConfigureAwait(false);

        var problems = new List<string>();
        services.State.Settings = services.State.Settings.Apply(payload, problems);
        foreach (var problem in problems)
            services.Logger.Warning(problem);
        if (problems.Count > 0)
            await services.Client.NotifyAsync(LspMethods.WindowShowMessage, new ShowMessageParams(MessageType.Warning, "NanoLsp settings: " + string.Join(" ", problems))).ConfigureAwait(false);
        services.Logger.Debug($"Settings: {services.State.Settings}");
    }

    private async Task<JsonElement?> PullAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var items = new { items = new[] { new { section = "nanolsp" } } };
            var result = await services.Client.RequestAsync<JsonElement[]>(LspMethods.WorkspaceConfiguration, items, timeout.Token).ConfigureAwait(false);
            if (result is [{ ValueKind: JsonValueKind.Object } section, ..])
                return JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { ["nanolsp"] = section });
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            services.Logger.Warning($"workspace/configuration failed: {e.Message}");
        }
        return null;
    }
}
