using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crisis.CrisisCell.Incidents.Summaries;

/// <summary>
/// <c>crisis.incidents.open</c>: incidents not yet resolved, by status, counted on the <see cref="IncidentSummary"/>
/// read model every few seconds and cached, so a scrape never waits on the database. Every crisis-cell node reports
/// the same store-wide figure: aggregate it with max, not sum.
/// </summary>
public sealed partial class OpenIncidentsGauge : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly IncidentStatus[] OpenStatuses = [IncidentStatus.Opened, IncidentStatus.Acknowledged, IncidentStatus.Monitoring];

    private readonly IDocumentStore store;
    private readonly TimeProvider clock;
    private readonly ILogger<OpenIncidentsGauge> logger;
    private volatile IReadOnlyDictionary<IncidentStatus, int> counts = new Dictionary<IncidentStatus, int>();

    public OpenIncidentsGauge(IDocumentStore store, TimeProvider clock, ILogger<OpenIncidentsGauge> logger)
    {
        this.store = store;
        this.clock = clock;
        this.logger = logger;
        CrisisCellTelemetry.Meter.CreateObservableGauge("crisis.incidents.open",
            () => counts.Select(c => new System.Diagnostics.Metrics.Measurement<int>(c.Value,
                new KeyValuePair<string, object?>("status", c.Key.ToString().ToLowerInvariant()))),
            "{incident}", "Incidents opened and not yet resolved, by status");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var query = store.QuerySession();
                var sampled = new Dictionary<IncidentStatus, int>();
                foreach (var status in OpenStatuses)
                {
                    sampled[status] = await query.Query<IncidentSummary>().CountAsync(s => s.Status == status, stoppingToken);
                }
                counts = sampled;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSampleFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Open incidents could not be counted")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
