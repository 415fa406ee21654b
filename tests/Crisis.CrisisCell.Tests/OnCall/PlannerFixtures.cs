using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.OnCall;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.CrisisCell.Tests.Incidents;

namespace Crisis.CrisisCell.Tests.OnCall;

/// <summary>
/// Primary rotation of 12-hour shifts (ana until noon, then ben), a weekly manager (mia) at level 2 after 15 minutes,
/// a director (dan) at level 3 after 30 minutes; two repeats per level, 5 quiet minutes, 10-minute grouping.
/// The incident opens at 10:02.
/// </summary>
internal static class PlannerFixtures
{
    public static readonly DateTimeOffset Opened = Fixtures.Now;
    private static readonly DateTimeOffset Midnight = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public static readonly OnCallRoster Roster = new(Fixtures.Organisation,
    [
        new Rotation("primary", Midnight, TimeSpan.FromHours(12), [new Responder("ana"), new Responder("ben")]),
        new Rotation("managers", Midnight.AddDays(-4), TimeSpan.FromDays(7), [new Responder("mia")]),
        new Rotation("directors", Midnight.AddDays(-4), TimeSpan.FromDays(7), [new Responder("dan")]),
    ]);

    public static readonly NoiseControl Noise = new(10, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), []);

    public static readonly EscalationPolicy Policy = new(Fixtures.Organisation,
    [
        new EscalationLevel(1, TimeSpan.Zero, ["primary"]),
        new EscalationLevel(2, TimeSpan.FromMinutes(15), ["managers"]),
        new EscalationLevel(3, TimeSpan.FromMinutes(30), ["directors"]),
    ], 2, Noise);

    public static Incident Incident(params IncidentEvent[] after) =>
        (Incident)IncidentDecider.Instance.Fold([Fixtures.Opened(), .. after]);

    public static IReadOnlyList<DueNotification> Plan(Incident incident, DateTimeOffset now, params SentNotification[] sent) =>
        NotificationPlanner.Plan(incident, Policy, Roster, sent, now);

    public static IReadOnlyList<DueNotification> Plan(Incident incident, EscalationPolicy policy, DateTimeOffset now, params SentNotification[] sent) =>
        NotificationPlanner.Plan(incident, policy, Roster, sent, now);

    public static SentNotification Sent(DueNotification due, DateTimeOffset at) => new(due.Kind, due.Level, due.Recipient, at);

    public static SentNotification Page(int level, string who, DateTimeOffset at) => new(NotificationKind.Page, level, who, at);

    public static string[] Who(IEnumerable<DueNotification> due) => [.. due.Select(d => $"{d.Kind} L{d.Level} {d.Recipient}")];
}
