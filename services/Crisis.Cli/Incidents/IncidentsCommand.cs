using System.Globalization;
using Crisis.Cli.Hosting;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.CheckingDeadlines;
using Crisis.CrisisCell.Incidents.Escalating;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.Summaries;
using Crisis.CrisisCell.Notifying.Delivering;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace Crisis.Cli.Incidents;

/// <summary>
/// <c>crisis incidents</c>: every incident, how long after the buzz's onset it was detected and opened, who was
/// notified, and its timeline, read from the store (an operator tool: it needs database credentials).
/// </summary>
public sealed class IncidentsCommand : AsyncCommand<StoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        using var host = StoreHost.Build(settings);
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var incidents = await session.Query<IncidentSummary>().OrderBy(i => i.OpenedAt).ToListAsync(cancellationToken);
        if (incidents.Count == 0) Console.WriteLine("no incident");
        foreach (var incident in incidents)
        {
            var events = await session.Events.FetchStreamAsync(incident.Id, token: cancellationToken);
            foreach (var line in Describe(incident, events)) Console.WriteLine(line);
            Console.WriteLine();
        }
        return 0;
    }

    public static IEnumerable<string> Describe(IncidentSummary incident, IReadOnlyList<JasperFx.Events.IEvent> events)
    {
        var opened = events.Select(e => e.Data).OfType<IncidentOpened>().FirstOrDefault();
        yield return Invariant($"incident {incident.IncidentId}: {incident.Title} (brand {incident.BrandId}, severity {incident.Severity}, {incident.Status})");
        if (opened?.OnsetAt is { } onset)
        {
            yield return Invariant($"  buzz onset {Stamp(onset)} (publication time, first bucket of the episode); detected {(incident.DetectedAt - onset).TotalMinutes:0} min later, at {Stamp(incident.DetectedAt)} (publication time)");
        }
        yield return Invariant($"  opened {Stamp(incident.OpenedAt)} (wall clock) by {opened?.OpenedBy ?? "?"}{(incident.Late ? " from a late page (deadlines from opening)" : "")}{(incident.Quiet ? ", nobody paged" : "")}");
        var sent = events.Select(e => e.Data).OfType<NotificationSent>().ToList();
        yield return sent.Count == 0
            ? "  notified: nobody yet"
            : "  notified: " + string.Join("; ", sent.Select(s => Invariant(
                $"{s.Delivery.Recipient} via {s.Delivery.Endpoint} (level {s.Delivery.Level}, {s.Delivery.Kind}) at {Stamp(s.SentAt)}")));
        yield return "  timeline (wall clock, UTC):";
        foreach (var e in events) yield return Invariant($"    {Stamp(e.Timestamp)}  {Summary(e.Data)}");
    }

    private static string Summary(object data) => data switch
    {
        IncidentOpened o => Invariant($"opened from {o.Source} (severity {o.Severity}; {o.Stages.Count} playbook stages, first due {(o.Stages.Count > 0 ? Stamp(o.Stages[0].Deadline) : "-")}, wall clock){(o.Late ? o.Quiet ? "; late page, nobody paged" : "; late page" : "")}"),
        BuzzEscalationRecorded b => Invariant($"buzz escalated again: severity {b.Severity}{(b.Late ? " (late page)" : "")}"),
        IncidentDetectedEarlier d => Invariant($"an earlier page arrived: detected at {Stamp(d.DetectedAt)} (publication time), first stage due {(d.Stages.Count > 0 ? Stamp(d.Stages[0].Deadline) : "-")} (wall clock)"),
        NotificationDispatching d => Invariant($"sending to {d.Delivery.Recipient} via {d.Delivery.Endpoint} (delivery claimed)"),
        NotificationSent s => Invariant($"notification sent to {s.Delivery.Recipient} via {s.Delivery.Endpoint}"),
        NotificationFailed f => Invariant($"notification to {f.Delivery.Recipient} via {f.Delivery.Endpoint} failed: {f.Reason}"),
        NotificationSuppressed s => Invariant($"notification to {s.Delivery.Recipient} suppressed: {s.Why}"),
        IncidentAcknowledged a => Invariant($"acknowledged by {a.AcknowledgedBy}"),
        IncidentEscalated e => Invariant($"escalated to level {e.Level}: {e.Reason}"),
        StageDeadlineMissed m => Invariant($"stage {m.StageId} missed its deadline {Stamp(m.Deadline)}"),
        IncidentEvent other => IncidentEventNames.Of(other),
        _ => data.GetType().Name,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every time with its date and zone: an incident spans midnights, and "03:36Z" alone says neither which day nor which clock.</summary>
    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
