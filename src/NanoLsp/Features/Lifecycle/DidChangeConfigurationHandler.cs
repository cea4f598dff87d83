using NanoLsp.Logging;
using System.Text.Json;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.Lifecycle;

/// <summary>
/// Applies nanolsp.* settings. Clients that use the pull model (VS Code) send null settings; then the
/// server asks for its section with workspace/configuration. The services that follow settings (the
/// model host reloads for a new nanolsp.model.path) are told here, by name, after the new settings apply.
/// </summary>
public sealed class DidChangeConfigurationHandler(ServerState state, ILanguageClient client, ILog logger, IReadOnlyList<IFollowsSettings> followers)
    : INotificationHandler<DidChangeConfigurationParams>
{
    public string Method => LspMethods.WorkspaceDidChangeConfiguration;
    public bool MutatesState => true;

    public async Task HandleAsync(DidChangeConfigurationParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        var payload = notification.Settings;
        if (payload is not { ValueKind: JsonValueKind.Object } && state.ClientCapabilities.Supports("workspace", "configuration"))
            payload = await PullAsync(cancellationToken).ConfigureAwait(false);

        var problems = new List<string>();
        state.Settings = state.Settings.Apply(payload, problems);
        foreach (var problem in problems)
            logger.Warning(problem);
        if (problems.Count > 0)
            await client.NotifyAsync(LspMethods.WindowShowMessage, new ShowMessageParams(MessageType.Warning, "NanoLsp settings: " + string.Join(" ", problems))).ConfigureAwait(false);
        logger.Debug($"Settings: {state.Settings}");
        foreach (var follower in followers)
            follower.SettingsChanged(state.Settings);
    }

    private async Task<JsonElement?> PullAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var items = new { items = new[] { new { section = "nanolsp" } } };
            var result = await client.RequestAsync<JsonElement[]>(LspMethods.WorkspaceConfiguration, items, timeout.Token).ConfigureAwait(false);
            if (result is [{ ValueKind: JsonValueKind.Object } section, ..])
                return JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { ["nanolsp"] = section });
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.Warning($"workspace/configuration failed: {e.Message}");
        }
        return null;
    }
}
