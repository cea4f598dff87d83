namespace NanoLsp.Serve;

/// <summary>
/// A running mean of how long a completion takes, for the Retry-After of a refused request: the time the queue
/// ahead of it needs to drain, given the number of generations running at once.
/// </summary>
public sealed class ServiceTimes(ServeOptions options)
{
    private readonly Lock _lock = new();
    private double _meanSeconds = 1; // until a request has finished: a guess of one second

    public void Add(TimeSpan elapsed)
    {
        lock (_lock) _meanSeconds = 0.8 * _meanSeconds + 0.2 * elapsed.TotalSeconds;
    }

    /// <summary>Whole seconds, at least 1 and at most 60.</summary>
    public int RetryAfterSeconds()
    {
        double mean;
        lock (_lock) mean = _meanSeconds;
        double drain = mean * (options.Queue + options.Parallel) / options.Parallel;
        return (int)Math.Clamp(Math.Ceiling(drain), 1, 60);
    }
}
