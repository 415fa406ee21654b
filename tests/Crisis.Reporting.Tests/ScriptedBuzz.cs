using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.Monitoring;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.RecordingResponses;
using Crisis.CrisisCell.Incidents.WalkingThePlaybook;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.CrisisCell.Playbooks;
using Crisis.Detection.Buzz;
using Crisis.Detection.Detecting;
using Crisis.Ingestion.Charting;
using Crisis.Reporting.Measuring;

namespace Crisis.Reporting.Tests;

/// <summary>
/// A bad buzz scripted to the minute, so every KPI has one right answer worked out by hand:
/// <list type="bullet">
/// <item>calm at 4 mentions a minute (1 negative of 4) from 09:00; onset at 10:00 (10, 30, 70, 90 mentions), 100 a minute
/// (80 % negative) from 10:04 to 10:20, 60 a minute (50 % negative) from 10:21 to 10:50, calm again from 10:51;</item>
/// <item>detected at 10:05 (end of the 10:04 bucket), escalated at 10:10, first notification 10:06, acknowledged 10:12,
/// public response published 10:20:30, subsided in the 11:00 bucket;</item>
/// <item>stages due at 10:35, 12:05 and 16:05: left at 10:30 (5 min ahead), 12:15 (10 min late), monitoring from 12:30.</item>
/// </list>
/// </summary>
internal static class ScriptedBuzz
{
    public const string IncidentId = "inc-1";
    public const string Brand = "acme";
    public const string Episode = "acme/20260302T1000";
    public static readonly DateTimeOffset Onset = At(10, 0);
    public static readonly DateTimeOffset Detected = At(10, 5);
    public static readonly DateTimeOffset EvaluatedAt = At(13, 0);
    public static readonly Uri ResponseUrl = new("https://x.com/acme/status/1");

    public static DateTimeOffset At(int hour, int minute, int second = 0) => new(2026, 3, 2, hour, minute, second, TimeSpan.Zero);

    public static readonly IReadOnlyList<ScheduledStage> Stages =
    [
        new("respond", "Respond", "", Detected.AddMinutes(30), [new ChecklistItem("first-message", "Publish a first message")]),
        new("be-transparent", "Be transparent", "", Detected.AddMinutes(120), []),
        new("acknowledge", "Acknowledge", "", Detected.AddMinutes(360), []),
    ];

    public static IncidentOpened Opened(string title = "Bad buzz on acme") =>
        new(IncidentId, "acme-corp", Brand, title, IncidentSource.Buzz, Episode, "esc-1", 6, Onset, Detected, IncidentEvidence.None, Stages, null,
            BuzzEscalatedMapping.DetectorActor, At(10, 5, 30));

    public static NotificationSent Sent(DateTimeOffset at) =>
        new(IncidentId, new NotificationDelivery("k1", "p1", NotificationKind.Page, 1, "alice", "webhook:ops", 1), at);

    public static PublicResponseRecorded Response(string text = "We hear you and we are looking into it", string language = "en", Uri? url = null) =>
        new(IncidentId, "x", url ?? ResponseUrl, text, language, At(10, 20, 30), "alice", At(10, 25));

    public static List<IncidentEvent> Events(PublicResponseRecorded? response = null) =>
    [
        Opened(),
        Sent(At(10, 6)),
        new BuzzEscalationRecorded(IncidentId, "esc-2", 8, At(10, 10), IncidentEvidence.None, BuzzEscalatedMapping.DetectorActor, At(10, 10, 20)),
        new IncidentAcknowledged(IncidentId, "alice", At(10, 12)),
        response ?? Response(),
        new StageAdvanced(IncidentId, "respond", "be-transparent", [], "alice", At(10, 30)),
        new StageAdvanced(IncidentId, "be-transparent", "acknowledge", [], "alice", At(12, 15)),
        new MonitoringStarted(IncidentId, [], "alice", At(12, 30)),
    ];

    public static List<BuzzEvent> BuzzEvents() =>
    [
        new BuzzPhaseChanged(Brand, Episode, BuzzPhase.Calm, BuzzPhase.Rising, Onset, 4, 5.1, false),
        new BuzzEscalated(Brand, Episode, AlertKind.EpisodeStart, BuzzPhase.Crisis, Onset, At(10, 4), Detected, 6, 9.2, Evidence()),
        new BuzzSubsided(Brand, Episode, Onset, At(11, 0), 8),
        // Another episode of the brand: not this incident's, must not count.
        new BuzzSubsided(Brand, "acme/20260301T0800", At(8, 0), At(9, 30), 3),
    ];

    public static BrandSeriesResult Series()
    {
        var points = new List<SeriesPoint>();
        for (var at = At(9, 0); at < EvaluatedAt; at = at.AddMinutes(1))
        {
            var minute = (int)(at - Onset).TotalMinutes;
            points.Add(minute switch
            {
                < 0 => new SeriesPoint(at, 4, 4, 1),
                0 => new SeriesPoint(at, 10, 10, 5),
                1 => new SeriesPoint(at, 30, 30, 24),
                2 => new SeriesPoint(at, 70, 60, 54),
                3 => new SeriesPoint(at, 90, 80, 60),
                <= 19 => new SeriesPoint(at, 100, 100, 80),
                20 => new SeriesPoint(at, 100, 100, 70),
                <= 50 => new SeriesPoint(at, 60, 60, 30),
                _ => new SeriesPoint(at, 4, 4, 1),
            });
        }
        return new BrandSeriesResult(Brand, At(9, 0), EvaluatedAt, 1, points);
    }

    public static IncidentFacts Facts(List<IncidentEvent>? events = null) => new(events ?? Events(), BuzzEvents(), Series());

    private static BuzzEvidence Evidence() =>
        new([], [], [], [], new Dictionary<string, long> { ["fr"] = 3 }, 90, 4, 0.75, 6.5);
}
