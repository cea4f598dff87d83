using System.Threading.Channels;
using NanoLsp.Model;

namespace NanoLsp.Serve;

/// <summary>
/// The model instances generations run on: one generation at a time per instance (a LanguageModel owns one KV cache),
/// so <c>--parallel N</c> loads N. The rate limiter admits at most N requests, so a request that passed it finds an
/// instance free; the wait here only covers the moment between a release and the next admission.
/// </summary>
public sealed class ModelPool : IDisposable
{
    private readonly Channel<LanguageModel> _free;
    private readonly List<LanguageModel> _all;

    public ModelPool(string directory, int count)
    {
        _all = [];
        try
        {
            for (int i = 0; i < count; i++) _all.Add(LanguageModel.Load(directory));
        }
        catch
        {
            foreach (var model in _all) model.Dispose();
            throw;
        }
        _free = Channel.CreateUnbounded<LanguageModel>();
        foreach (var model in _all) _free.Writer.TryWrite(model);
    }

    public ModelManifest Manifest => _all[0].Manifest;

    public TimeSpan LoadTime => _all[0].LoadTime;

    public int Count => _all.Count;

    public async Task<Lease> RentAsync(CancellationToken cancellationToken) =>
        new(this, await _free.Reader.ReadAsync(cancellationToken).ConfigureAwait(false));

    public readonly struct Lease(ModelPool pool, LanguageModel model) : IDisposable
    {
        public LanguageModel Model => model;

        public void Dispose() => pool._free.Writer.TryWrite(model);
    }

    public void Dispose()
    {
        foreach (var model in _all) model.Dispose(); // each waits for a generation still running on it
    }
}
