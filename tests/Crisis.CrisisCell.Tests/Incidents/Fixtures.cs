using System.Collections.Immutable;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.Monitoring;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.Resolving;
using Crisis.CrisisCell.Incidents.Closing;
using Crisis.CrisisCell.Playbooks;

namespace Crisis.CrisisCell.Tests.Incidents;

/// <summary>One brand, one buzz episode, detected at 10:00 UTC, and the default playbook.</summary>
internal static class Fixtures
{
    public const string IncidentId = "inc-1";
    public const string Organisation = "acme-org";
    public const string Brand = "acme";
    public const string Episode = "acme/20261127T0945";
    public const int Threshold = 60;

    public static readonly DateTimeOffset Onset = new(2026, 11, 27, 9, 45, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Detected = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = Detected.AddMinutes(2);
    public static readonly Playbook Playbook = DefaultPlaybook.For(Organisation);
    /// <summary>The configuration's defaults: late past 30 minutes, and late buzz pages nobody.</summary>
    public static readonly LatePagePolicy LatePages = new(TimeSpan.FromMinutes(30), PageLateBuzzes: false);

    public static readonly IncidentEvidence Evidence = new(
        1200, 80, 0.82, ["palm oil", "boycott"], ImmutableDictionary<string, long>.Empty.Add("fr", 700).Add("ar", 500),
        [new EvidencePost("x", "p1", "@ngo", 250_000, "fr", "Acme détruit la forêt")]);

    public static OpenIncidentFromBuzz Escalation(string escalationId = "esc-1", int severity = 70, DateTimeOffset? now = null,
        string incidentId = IncidentId, string episode = Episode, string? previous = null, DateTimeOffset? detected = null) =>
        new(incidentId, Organisation, Brand, episode, escalationId, severity, Threshold, Onset, detected ?? Detected, Evidence, Playbook, previous,
            LatePages, "detector", now ?? Now);

    public static IncidentOpened Opened(string incidentId = IncidentId, string? previous = null) =>
        new(incidentId, Organisation, Brand, "Bad buzz on acme", IncidentSource.Buzz, Episode, "esc-1", 70, Onset, Detected, Evidence,
            ScheduledStage.From(Playbook, Detected), previous, "detector", Now);

    public static IncidentAcknowledged Acknowledged(string by = "alice") => new(IncidentId, by, Now.AddMinutes(3));

    public static MonitoringStarted MonitoringStarted() => new(IncidentId, [], "alice", Now.AddHours(3));

    public static IncidentResolved Resolved() => new(IncidentId, "buzz subsided", "alice", Now.AddHours(8));

    public static IncidentClosed Closed() => new(IncidentId, "https://wiki.example/pm/1", "alice", Now.AddDays(3));

    public static IncidentEvent[] Acked() => [Opened(), Acknowledged()];

    public static IncidentEvent[] ResolvedIncident() => [Opened(), Acknowledged(), Resolved()];

    public static IncidentEvent[] ClosedIncident() => [Opened(), Acknowledged(), Resolved(), Closed()];
}
