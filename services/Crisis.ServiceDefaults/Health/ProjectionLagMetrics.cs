using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crisis.ServiceDefaults.Health;

/// <summary>
/// Projection lag as gauges per shard (<c>crisis.projection.lag</c> in events, <c>crisis.projection.lag.age</c> in
/// seconds). Sampled in the background and cached, so a scrape never waits on the database.
/// </summary>
public sealed partial class ProjectionLagMetrics : BackgroundService
{
    public const string MeterName = "Crisis.EventStore";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly IProjectionLagSource source;
    private readonly TimeProvider clock;
    private readonly ILogger<ProjectionLagMetrics> logger;
    private readonly Meter meter;
    private volatile IReadOnlyList<ShardLag> latest = [];

    public ProjectionLagMetrics(IProjectionLagSource source, TimeProvider clock, IMeterFactory meters, ILogger<ProjectionLagMetrics> logger)
    {
        this.source = source;
        this.clock = clock;
        this.logger = logger;
        meter = meters.Create(MeterName);
        meter.CreateObservableGauge("crisis.projection.lag", () => latest.Select(s => Measure(s.Events, s)), "{event}",
            "Events appended after the shard's progress");
        meter.CreateObservableGauge("crisis.projection.lag.age", () => latest.Select(s => Measure(s.AgeAt(clock.GetUtcNow()).TotalSeconds, s)), "s",
            "How long the shard's oldest pending event has waited");
    }

    private static Measurement<T> Measure<T>(T value, ShardLag shard) where T : struct =>
        new(value, new KeyValuePair<string, object?>("shard", shard.Shard));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                latest = await source.ReadAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The gauges keep their last reading; readiness reports the outage.
                LogSampleFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        meter.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection lag could not be sampled")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
