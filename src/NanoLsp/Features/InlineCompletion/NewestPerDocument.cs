using Microsoft.CodeAnalysis;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>
/// The one newest-wins rule of inline completion, per document: a request cancels the older request of
/// the same document, running or waiting; requests of other documents are never touched (they wait their
/// turn at the engine, which runs one generation at a time). "Newer" is a later arrival, not a later
/// start: concurrent reads may start out of order. Each admitted request gets one token that carries the
/// client's cancel, the newer keystroke and the deadline.
/// </summary>
internal sealed class NewestPerDocument
{
    private readonly Lock _lock = new();
    private readonly Dictionary<DocumentId, (long Newest, Ticket? Running)> _documents = [];

    /// <summary>A request's place: its token, and why it ended if it was cut short.</summary>
    public sealed class Ticket : IDisposable
    {
        private readonly CancellationTokenSource _source;
        private readonly CancellationToken _client;

        internal Ticket(CancellationToken client, TimeSpan? deadline)
        {
            _client = client;
            _source = CancellationTokenSource.CreateLinkedTokenSource(client);
            if (deadline is { } budget) _source.CancelAfter(budget);
        }

        public CancellationToken Token => _source.Token;

        /// <summary>A newer request for the same document took over.</summary>
        public bool Superseded { get; private set; }

        public bool ClientCancelled => _client.IsCancellationRequested;

        internal void Supersede()
        {
            Superseded = true;
            try { _source.Cancel(); }
            catch (ObjectDisposedException) { /* it finished meanwhile */ }
        }

        /// <summary>Ends the request without cancelling what it left running: a remote backend's answer that comes after
        /// the local one is still judged when it was due (its failures open the circuit, RemoteBackendE2ETests).</summary>
        public void Dispose() => _source.Dispose();
    }

    /// <summary>Admits a request, superseding the older one of its document; null when a newer one already arrived.</summary>
    public Ticket? Enter(DocumentId document, long arrival, CancellationToken client, TimeSpan? deadline)
    {
        Ticket? older;
        var ticket = new Ticket(client, deadline);
        lock (_lock)
        {
            if (_documents.TryGetValue(document, out var state) && state.Newest > arrival)
            {
                ticket.Dispose();
                return null;
            }
            older = state.Running;
            _documents[document] = (arrival, ticket);
        }
        older?.Supersede();
        return ticket;
    }

    public void Leave(DocumentId document, Ticket ticket)
    {
        lock (_lock)
        {
            if (_documents.TryGetValue(document, out var state) && ReferenceEquals(state.Running, ticket))
                _documents[document] = (state.Newest, null);
        }
        ticket.Dispose();
    }
}
