using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Crisis.Connectors;

/// <summary>
/// The connectors' one ActivitySource and Meter (items per outcome, errors, reconnects and lag, per connector), and each
/// connector's state for the readiness check (<see cref="Running.ConnectorsHealthCheck"/>).
/// </summary>
public sealed class ConnectorsTelemetry : IDisposable
{
    public const string Name = "Crisis.Connectors";
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter meter;
    private readonly Counter<long> items;
    private readonly Counter<long> errors;
    private readonly Counter<long> reconnects;
    private readonly ConcurrentDictionary<string, DateTimeOffset> newest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConnectorState> states = new(StringComparer.Ordinal);
    private readonly TimeProvider clock;

    public ConnectorsTelemetry(IMeterFactory meterFactory, TimeProvider clock)
    {
        this.clock = clock;
        meter = meterFactory.Create(Name);
        items = meter.CreateCounter<long>("crisis.connectors.items", "{item}", "Items a connector read, by outcome: seen, matched, sent, duplicate, rejected, malformed");
        errors = meter.CreateCounter<long>("crisis.connectors.errors", "{error}", "Failed reads or commits of a connector (each followed by a reconnection)");
        reconnects = meter.CreateCounter<long>("crisis.connectors.reconnects", "{reconnect}", "Times a connector reconnected to its source");
        meter.CreateObservableGauge("crisis.connectors.lag", ObserveLag, "s", "Age of the newest post a connector committed: how far it is behind its source");
    }

    public void Counted(string connector, string outcome, long count)
    {
        if (count > 0) items.Add(count, new("connector", connector), new("outcome", outcome));
    }

    /// <summary>A read or commit failed; the connector reconnects.</summary>
    public void Failed(string connector, string reason)
    {
        errors.Add(1, new KeyValuePair<string, object?>("connector", connector));
        var now = clock.GetUtcNow();
        states.AddOrUpdate(connector, _ => new ConnectorState(null, 1, now, reason),
            (_, old) => old with { FailuresSinceProgress = old.FailuresSinceProgress + 1, FailingSince = old.FailingSince ?? now, LastError = reason });
    }

    /// <summary>The connector read from its source and committed what it read: whatever failed before is over.</summary>
    public void Progressed(string connector) => states[connector] = new ConnectorState(clock.GetUtcNow(), 0, null, null);

    /// <summary>Each connector's state, for those that read or failed at least once since the node started.</summary>
    public IReadOnlyDictionary<string, ConnectorState> States => states;

    public void Reconnected(string connector) => reconnects.Add(1, new KeyValuePair<string, object?>("connector", connector));

    public void Committed(string connector, DateTimeOffset newestPublishedAt) =>
        newest.AddOrUpdate(connector, newestPublishedAt, (_, old) => old > newestPublishedAt ? old : newestPublishedAt);

    private IEnumerable<Measurement<double>> ObserveLag()
    {
        var now = clock.GetUtcNow();
        foreach (var (connector, at) in newest) yield return new((now - at).TotalSeconds, new KeyValuePair<string, object?>("connector", connector));
    }

    public void Dispose() => meter.Dispose();
}

/// <param name="LastProgress">When it last committed a batch read from its source (null: not yet since start).</param>
/// <param name="FailuresSinceProgress">Failed reads or commits since then, each followed by a reconnection.</param>
/// <param name="FailingSince">When the first of those failures happened.</param>
public sealed record ConnectorState(DateTimeOffset? LastProgress, int FailuresSinceProgress, DateTimeOffset? FailingSince, string? LastError);
