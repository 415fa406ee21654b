using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Crisis.CrisisCell.Incidents.Timelines;

/// <summary>Everything that happened to an incident, in stream order: what the cell and the post-mortem read back.</summary>
public sealed class IncidentTimeline
{
    /// <summary>The incident's stream key.</summary>
    public string Id { get; set; } = "";
    public string IncidentId { get; set; } = "";
    public long Version { get; set; }
    public List<IncidentTimelineEntry> Entries { get; set; } = [];
}

/// <param name="Version">Position in the incident's stream (1 = opened).</param>
/// <param name="Type">The event's stored name (<see cref="IncidentEventNames"/>), stable across code changes.</param>
/// <param name="Data">The event as recorded, with its actor and time.</param>
public sealed record IncidentTimelineEntry(long Version, string Type, object Data);

/// <summary>Append-only: an entry is added per event and never rewritten, so the timeline is the stream, readable.</summary>
public sealed class IncidentTimelineProjection : SingleStreamProjection<IncidentTimeline, string>
{
    public IncidentTimelineProjection()
    {
        foreach (var type in IncidentEventNames.ByType.Keys) IncludeType(type);
    }

    public override IncidentTimeline? Evolve(IncidentTimeline? snapshot, string id, IEvent e)
    {
        if (e.Data is not IncidentEvent incidentEvent) return snapshot;
        snapshot ??= new IncidentTimeline { Id = id, IncidentId = incidentEvent.IncidentId };
        snapshot.Entries.Add(new IncidentTimelineEntry(e.Version, IncidentEventNames.Of(incidentEvent), incidentEvent));
        snapshot.Version = e.Version;
        return snapshot;
    }
}
