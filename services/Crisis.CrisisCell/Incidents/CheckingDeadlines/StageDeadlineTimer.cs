using Crisis.CrisisCell.Configuring;
using Crisis.CrisisCell.Incidents.Summaries;
using Crisis.ServiceDefaults.EventSourcing;
using JasperFx;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crisis.CrisisCell.Incidents.CheckingDeadlines;

/// <summary>
/// The clock's side of the playbook: every few seconds, a <see cref="CheckDeadlines"/> for each incident whose next
/// stage deadline has passed, so a late stage escalates even when nobody touches the incident. Several nodes may run
/// it at once: the decider records a missed stage once, and a concurrent write only makes this round skip.
/// </summary>
public sealed partial class StageDeadlineTimer(
    IDocumentStore store, BrandCrisisSettings settings, TimeProvider clock, ILogger<StageDeadlineTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.DeadlineCheckInterval, clock);
        do
        {
            try
            {
                await CheckDueIncidentsAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; a dead timer would let every deadline pass in silence.
                LogRoundFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task CheckDueIncidentsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<string> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<IncidentSummary>()
                .Where(s => s.NextStageDeadline != null && s.NextStageDeadline <= now)
                .Select(s => s.IncidentId)
                .ToListAsync(ct);
        }

        foreach (var incidentId in due)
        {
            try
            {
                await using var session = store.LightweightSession();
                var (events, _) = await session.HandleAsync(
                    IncidentStreams.KeyFor(incidentId), IncidentDecider.Instance, new CheckDeadlines(incidentId, now), expectedVersion: null, ct);
                LogChecked(logger, incidentId, events.OfType<StageDeadlineMissed>().Count());
            }
            catch (ConcurrencyException)
            {
                LogConcurrent(logger, incidentId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stage deadlines of incident {IncidentId} checked: {MissedStages} stages missed")]
    private static partial void LogChecked(ILogger logger, string incidentId, int missedStages);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} changed during the deadline check; the next round checks it again")]
    private static partial void LogConcurrent(ILogger logger, string incidentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stage deadline round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
