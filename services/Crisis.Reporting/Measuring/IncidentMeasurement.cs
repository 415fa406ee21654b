using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.Monitoring;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.RecordingResponses;
using Crisis.CrisisCell.Incidents.Resolving;
using Crisis.CrisisCell.Incidents.WalkingThePlaybook;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.Detection.Buzz;
using Crisis.Ingestion.Charting;

namespace Crisis.Reporting.Measuring;

/// <summary>
/// The KPIs of one incident, computed from its facts alone: no clock, no store, so the same facts always give the
/// same figures and a spec can check them to the minute. Every definition is spelled out in docs/kpis.md.
/// </summary>
public static class IncidentMeasurement
{
    public static IncidentKpis Measure(IncidentFacts facts, KpiOptions options, DateTimeOffset evaluatedAt)
    {
        var incident = Fold(facts.Events);
        var bucket = TimeSpan.FromMinutes(facts.Series.BucketMinutes);
        var detected = incident.DetectedAt;
        var onset = Onset(incident, facts.BuzzEvents);
        var firstNotified = facts.Events.OfType<NotificationSent>().Select(e => (DateTimeOffset?)e.SentAt).Min();
        // The first acknowledgement: a reopened incident acknowledged again does not make the first answer slower.
        var acknowledged = facts.Events.OfType<IncidentAcknowledged>().Select(e => (DateTimeOffset?)e.AcknowledgedAt).FirstOrDefault();
        var responses = facts.Events.OfType<PublicResponseRecorded>().OrderBy(r => r.PublishedAt).ToList();
        var subsidedAt = SubsidedAt(incident, facts.BuzzEvents, bucket);

        // Only buckets wholly elapsed at evaluation: a bucket still filling would look like a drop in the curve.
        var points = facts.Series.Points.Where(p => p.Bucket + bucket <= evaluatedAt).ToList();
        var curveEnd = points.Count == 0 ? facts.Series.From : points[^1].Bucket + bucket;
        var baseline = onset is { } o ? Mean(points.Where(p => p.Bucket >= o - options.BaselineWindow && p.Bucket < o)) : null;
        var episodeStart = Floor(onset ?? detected, bucket);
        var episodeEnd = subsidedAt ?? curveEnd;
        var episode = Enumerable.Range(0, points.Count).Where(i => points[i].Bucket >= episodeStart && points[i].Bucket < episodeEnd).ToList();
        var backToBaseline = baseline is { } level ? BackToBaseline(points, detected, level, options.BaselineHoldBuckets) : null;
        var firstResponse = responses.Count == 0 ? (DateTimeOffset?)null : responses[0].PublishedAt;

        return new IncidentKpis(
            incident.IncidentId, incident.OrganisationId, incident.BrandId, incident.Title, incident.EpisodeId, incident.Status.ToString(),
            evaluatedAt, facts.Series.BucketMinutes,
            onset, detected, incident.OpenedAt, firstNotified, acknowledged, firstResponse, subsidedAt, backToBaseline,
            Minutes(onset, detected), (incident.OpenedAt - detected).TotalMinutes, Minutes(detected, firstNotified), Minutes(detected, acknowledged), Minutes(detected, firstResponse),
            Minutes(detected, subsidedAt), Minutes(detected, backToBaseline),
            baseline,
            PeakOf(episode.Select(i => (points[i].Bucket, (double?)points[i].Mentions))),
            PeakOf(episode.Where(i => i > 0).Select(i => (points[i].Bucket, (double?)(points[i].Mentions - points[i - 1].Mentions)))),
            PeakOf(episode.Where(i => points[i].Scored >= options.MinimumScoredForPeakShare).Select(i => (points[i].Bucket, points[i].NegativeShare))),
            Stages(facts.Events, incident, evaluatedAt),
            [.. responses.Select(r => Response(r, detected, points, facts.Series.From, curveEnd, bucket, options.ResponseWindow))],
            Detections(facts.Events));
    }

    /// <summary>
    /// The part of the brand's curve the KPIs need: the baseline before the onset (or the window before the first
    /// response, if earlier) to whichever comes last of subsiding, the windows after the responses and the end of
    /// the incident (now, while it is open), plus room to see the curve hold at its baseline; never past now.
    /// </summary>
    public static TimeWindow SeriesWindow(IReadOnlyList<IncidentEvent> events, IReadOnlyList<BuzzEvent> buzzEvents, KpiOptions options, TimeSpan bucket,
        DateTimeOffset evaluatedAt)
    {
        var incident = Fold(events);
        var responses = events.OfType<PublicResponseRecorded>().Select(r => r.PublishedAt).ToList();
        var start = (Onset(incident, buzzEvents) ?? incident.DetectedAt) - Max(options.BaselineWindow, options.ResponseWindow);
        if (responses.Count > 0) start = Min(start, responses.Min() - options.ResponseWindow);
        var ended = incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed ? incident.ResolvedAt ?? incident.ClosedAt ?? evaluatedAt : evaluatedAt;
        var end = Max(incident.DetectedAt, ended);
        if (SubsidedAt(incident, buzzEvents, bucket) is { } subsided) end = Max(end, subsided);
        if (responses.Count > 0) end = Max(end, Floor(responses.Max(), bucket) + bucket + options.ResponseWindow);
        end += bucket * options.BaselineHoldBuckets;

        var from = Floor(start, bucket);
        var to = Min(Min(end, evaluatedAt), from + BrandSeries.MaxWindow);
        return new TimeWindow(from, to > from ? to : from + bucket);
    }

    /// <summary>The incident as its events leave it.</summary>
    public static Incident Fold(IEnumerable<IncidentEvent> events) =>
        events.Aggregate((IncidentState)new IncidentState.NotOpened(), IncidentDecider.Evolve) as Incident
        ?? throw new ArgumentException("the incident's events do not open it", nameof(events));

    /// <summary>The episode a buzz event belongs to; none for the brand-wide ones (monitoring started, late mentions, positive spikes).</summary>
    public static string? EpisodeOf(BuzzEvent e) => e switch
    {
        BuzzPhaseChanged c => c.EpisodeId,
        BuzzEscalated c => c.EpisodeId,
        AlertSuppressedByCampaign c => c.EpisodeId,
        BuzzSubsided c => c.EpisodeId,
        _ => null,
    };

    private static DateTimeOffset? Onset(Incident incident, IReadOnlyList<BuzzEvent> buzzEvents) =>
        incident.OnsetAt ?? buzzEvents.OfType<BuzzEscalated>().Where(e => e.EpisodeId == incident.EpisodeId).Select(e => (DateTimeOffset?)e.Onset).FirstOrDefault();

    /// <summary>The detector decides a bucket at its end, as it does for detection: subsided at the end of the calm bucket.</summary>
    private static DateTimeOffset? SubsidedAt(Incident incident, IReadOnlyList<BuzzEvent> buzzEvents, TimeSpan bucket) =>
        incident.EpisodeId is null
            ? null
            : buzzEvents.OfType<BuzzSubsided>().Where(s => s.EpisodeId == incident.EpisodeId).Select(s => (DateTimeOffset?)(s.Bucket + bucket)).FirstOrDefault();

    /// <summary>
    /// The start of the first run of <paramref name="hold"/> buckets, from detection on, whose mean volume is at or
    /// under the pre-onset level.
    /// </summary>
    private static DateTimeOffset? BackToBaseline(List<SeriesPoint> points, DateTimeOffset detected, double level, int hold)
    {
        for (var i = points.FindIndex(p => p.Bucket >= detected); i >= 0 && i + hold <= points.Count; i++)
        {
            if (points.Skip(i).Take(hold).Average(p => p.Mentions) <= level) return points[i].Bucket;
        }
        return null;
    }

    private static IReadOnlyList<StageKpi> Stages(IReadOnlyList<IncidentEvent> events, Incident incident, DateTimeOffset evaluatedAt)
    {
        var completed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        IncidentState state = new IncidentState.NotOpened();
        foreach (var e in events)
        {
            if (state is Incident before)
            {
                switch (e)
                {
                    case StageAdvanced advanced:
                        completed.TryAdd(advanced.FromStageId, advanced.AdvancedAt);
                        break;
                    // Going to monitoring ends the stage the cell was in; the stages after it are skipped.
                    case MonitoringStarted monitoring when before.CurrentStage is { } current:
                        completed.TryAdd(current.StageId, monitoring.StartedAt);
                        skipped.UnionWith(monitoring.SkippedStageIds);
                        break;
                    // Resolving straight from the playbook does the same.
                    case IncidentResolved resolved when before is { Status: IncidentStatus.Acknowledged, CurrentStage: { } current }:
                        completed.TryAdd(current.StageId, resolved.ResolvedAt);
                        skipped.UnionWith(before.Stages.Skip(before.CurrentStageIndex + 1).Select(s => s.StageId));
                        break;
                }
            }
            state = IncidentDecider.Evolve(state, e);
        }

        return [.. incident.Stages.Select(stage =>
        {
            if (completed.TryGetValue(stage.StageId, out var at))
                return new StageKpi(stage.StageId, stage.Name, stage.Deadline, at, at <= stage.Deadline ? StageOutcome.Met : StageOutcome.Missed, Minutes(at, stage.Deadline));
            if (skipped.Contains(stage.StageId))
                return new StageKpi(stage.StageId, stage.Name, stage.Deadline, null, StageOutcome.Skipped, null);
            return new StageKpi(stage.StageId, stage.Name, stage.Deadline, null,
                stage.Deadline <= evaluatedAt ? StageOutcome.Missed : StageOutcome.Pending, Minutes(evaluatedAt, stage.Deadline));
        })];
    }

    /// <summary>
    /// The response's own bucket mixes talk from before and after it, so it belongs to neither window: before is the
    /// window ending where that bucket starts, after is the window starting where it ends.
    /// </summary>
    private static ResponseKpi Response(PublicResponseRecorded r, DateTimeOffset detected, List<SeriesPoint> points, DateTimeOffset curveStart,
        DateTimeOffset curveEnd, TimeSpan bucket, TimeSpan window)
    {
        var own = Floor(r.PublishedAt, bucket);
        var before = Share(points, own - window, own, curveStart, curveEnd);
        var after = Share(points, own + bucket, own + bucket + window, curveStart, curveEnd);
        return new ResponseKpi(r.Channel, r.Url, r.Text, r.Language, r.PublishedAt, (r.PublishedAt - detected).TotalMinutes, before, after,
            after.NegativeShare - before.NegativeShare);
    }

    private static ShareWindow Share(List<SeriesPoint> points, DateTimeOffset from, DateTimeOffset to, DateTimeOffset curveStart, DateTimeOffset curveEnd)
    {
        var inside = points.Where(p => p.Bucket >= from && p.Bucket < to).ToList();
        long scored = inside.Sum(p => p.Scored), negative = inside.Sum(p => p.Negative);
        return new ShareWindow(from, to, inside.Sum(p => p.Mentions), scored, negative, scored == 0 ? null : (double)negative / scored,
            from >= curveStart && to <= curveEnd);
    }

    private static IReadOnlyList<DetectionMark> Detections(IReadOnlyList<IncidentEvent> events) =>
        [.. events.Select(e => e switch
        {
            IncidentOpened o => new DetectionMark(o.DetectedAt, o.Severity, o.Source == IncidentSource.Buzz ? "EpisodeStart" : "OpenedByHand"),
            BuzzEscalationRecorded b => new DetectionMark(b.DetectedAt, b.Severity, "Escalation"),
            _ => null,
        }).OfType<DetectionMark>()];

    private static Peak? PeakOf(IEnumerable<(DateTimeOffset Bucket, double? Value)> values)
    {
        Peak? peak = null;
        foreach (var (bucket, value) in values)
        {
            // Strictly greater: the first bucket to reach the peak is the one named.
            if (value is { } v && (peak is null || v > peak.Value)) peak = new Peak(v, bucket);
        }
        return peak;
    }

    private static double? Mean(IEnumerable<SeriesPoint> points)
    {
        var list = points.ToList();
        return list.Count == 0 ? null : list.Average(p => (double)p.Mentions);
    }

    private static double? Minutes(DateTimeOffset? from, DateTimeOffset? to) => from is { } f && to is { } t ? (t - f).TotalMinutes : null;

    internal static DateTimeOffset Floor(DateTimeOffset at, TimeSpan bucket) => new(at.UtcTicks - at.UtcTicks % bucket.Ticks, TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
