using System.Diagnostics;
using System.Diagnostics.Metrics;
using Crisis.CrisisCell.Incidents;
using Crisis.ServiceDefaults.Telemetry;
using JasperFx.Events;
using Marten;

namespace Crisis.CrisisCell;

/// <summary>The crisis cell's one ActivitySource and Meter (notification outcomes; open incidents are sampled apart).</summary>
public static class CrisisCellTelemetry
{
    public const string Name = "Crisis.CrisisCell";
    public static readonly ActivitySource Source = new(Name);
    internal static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Notifications = Meter.CreateCounter<long>(
        "crisis.notifications", "{notification}", "Notification deliveries by channel and outcome (sent, failed, suppressed)");

    public static void NotificationOutcome(string channel, string outcome) => Notifications.Add(1,
        new KeyValuePair<string, object?>("channel", channel.ToLowerInvariant()),
        new KeyValuePair<string, object?>("outcome", outcome.ToLowerInvariant()));

    /// <summary>
    /// The incident's latest event that carries a trace: a notification is planned within the trace of the change that
    /// made it due (the buzz page that opened the incident, the delivery before it). Returned rather than started here,
    /// because an activity started inside an async method is no longer current once the method returns.
    /// </summary>
    public static async Task<IEvent?> LatestTracedEventAsync(IDocumentStore store, string incidentId, CancellationToken ct)
    {
        if (!Source.HasListeners()) return null;
        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(IncidentStreams.KeyFor(incidentId), token: ct);
        return events.LastOrDefault(e => EventTraceContext.TraceParentOf(e) is not null);
    }
}
