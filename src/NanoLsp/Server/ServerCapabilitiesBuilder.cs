using NanoLsp.Protocol;

namespace NanoLsp.Server;

/// <summary>
/// The hook a feature area implements (usually on its handler class) to declare what it offers:
/// static capabilities in the initialize answer and dynamic registrations sent after initialized.
/// </summary>
public interface ICapabilityProvider
{
    void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client);

    /// <summary>Registrations to send with client/registerCapability once the client is initialized.</summary>
    IEnumerable<Registration> GetRegistrations(ClientCapabilities client) => [];
}

/// <summary>
/// The single place where capabilities and registrations are assembled: from every handler in
/// <see cref="HandlerCatalog"/> that is an <see cref="ICapabilityProvider"/>, plus any extra provider.
/// </summary>
public sealed class ServerCapabilitiesBuilder(IEnumerable<ICapabilityProvider> providers)
{
    private readonly IReadOnlyList<ICapabilityProvider> _providers = providers.Distinct().ToList();

    public ServerCapabilities Build(ClientCapabilities client)
    {
        var capabilities = new ServerCapabilities();
        foreach (var provider in _providers)
            provider.AddCapabilities(capabilities, client);
        return capabilities;
    }

    public IReadOnlyList<Registration> BuildRegistrations(ClientCapabilities client) =>
        _providers.SelectMany(p => p.GetRegistrations(client)).ToList();
}
