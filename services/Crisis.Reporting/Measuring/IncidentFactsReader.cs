using Crisis.CrisisCell.Incidents;
using Crisis.Detection.Buzz;
using Crisis.Detection.Monitoring;
using Crisis.Ingestion.Charting;
using Marten;
using Microsoft.Extensions.Options;

namespace Crisis.Reporting.Measuring;

/// <summary>Gathers an incident's facts from the store: its stream, its episode's buzz events, the brand's curve around it.</summary>
public sealed class IncidentFactsReader(BrandSeries series, IOptions<MonitorOptions> monitorOptions, KpiOptions options)
{
    /// <summary>The curve is read in the detector's buckets, so peaks and onsets line up with what it decided on.</summary>
    public int BucketMinutes { get; } = BucketMinutesOf(monitorOptions.Value.Detector.BucketSize);

    public KpiOptions Options => options;

    /// <summary>The incident's facts, or null when no such incident exists.</summary>
    public async Task<IncidentFacts?> ReadAsync(IQuerySession session, string incidentId, DateTimeOffset evaluatedAt, KpiOptions kpiOptions, CancellationToken ct)
    {
        var stream = await session.Events.FetchStreamAsync(IncidentStreams.KeyFor(incidentId), token: ct);
        if (stream.Count == 0) return null;
        var events = stream.Select(e => e.Data as IncidentEvent
            ?? throw new InvalidOperationException($"incident stream '{incidentId}' holds a {e.Data.GetType().Name}, not an incident event")).ToList();
        var incident = IncidentMeasurement.Fold(events);

        IReadOnlyList<BuzzEvent> buzz = [];
        if (incident.EpisodeId is { } episode)
        {
            // The brand's whole buzz stream, kept to the episode: a few events per episode, so small even for a loud brand.
            var buzzStream = await session.Events.FetchStreamAsync(BuzzStreams.KeyFor(incident.BrandId), token: ct);
            buzz = [.. buzzStream.Select(e => e.Data).OfType<BuzzEvent>().Where(e => IncidentMeasurement.EpisodeOf(e) == episode)];
        }
        var window = IncidentMeasurement.SeriesWindow(events, buzz, kpiOptions, TimeSpan.FromMinutes(BucketMinutes), evaluatedAt);
        var curve = await series.ReadAsync(incident.BrandId, window.From, window.To, BucketMinutes, ct);
        return new IncidentFacts(events, buzz, curve);
    }

    private static int BucketMinutesOf(TimeSpan bucketSize) =>
        BrandSeries.IsValidBucket((int)bucketSize.TotalMinutes) && bucketSize.TotalMinutes % 1 == 0 ? (int)bucketSize.TotalMinutes : 1;
}
