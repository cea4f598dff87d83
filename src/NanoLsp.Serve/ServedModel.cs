namespace NanoLsp.Serve;

/// <summary>The one model this server serves, as /v1/models lists it: its id (the manifest's name unless
/// --model-name says otherwise) and when it was loaded.</summary>
public sealed record ServedModel(string Id, long Created)
{
    public ModelInfo Info => new(Id, "model", Created, "nanolsp");
}
