using System.Diagnostics.Metrics;
using Crisis.OperationsTests.Logging;
using Crisis.ServiceDefaults.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Crisis.OperationsTests.Readiness;

/// <summary>What the background readiness run tells an operator: the dependency gauge, and one line per change.</summary>
public class DependencyMonitorSpecs
{
    private static HealthReport Report(params (string Name, HealthStatus Status, string? Description, Exception? Exception)[] checks) =>
        new(checks.ToDictionary(c => c.Name, c => new HealthReportEntry(c.Status, c.Description, TimeSpan.Zero, c.Exception, null)), TimeSpan.Zero);

    private static readonly Exception Refused = new InvalidOperationException("Broker unreachable", new System.Net.Sockets.SocketException(111));

    [Test]
    public async Task It_logs_one_warning_with_the_reason_when_a_dependency_fails_and_one_line_when_it_is_back()
    {
        var logs = new CapturedLogs();
        using var provider = new ServiceCollection().AddMetrics().AddLogging(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(logs)).BuildServiceProvider();
        using var monitor = new DependencyMonitor(provider.GetRequiredService<IMeterFactory>(),
            provider.GetRequiredService<ILogger<DependencyMonitor>>(), TimeProvider.System);
        var up = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Name == "crisis.dependency.up") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => up[(string)tags[0].Value!] = value);
        listener.Start();

        await monitor.PublishAsync(Report(("postgresql", HealthStatus.Healthy, null, null), ("masstransit-bus", HealthStatus.Healthy, null, null)), default);
        await monitor.PublishAsync(Report(("postgresql", HealthStatus.Healthy, null, null), ("masstransit-bus", HealthStatus.Degraded, "Not ready: not started", Refused)), default);
        listener.RecordObservableInstruments();
        var whileDown = new Dictionary<string, double>(up);
        await monitor.PublishAsync(Report(("postgresql", HealthStatus.Healthy, null, null), ("masstransit-bus", HealthStatus.Degraded, "Not ready: not started", Refused)), default);
        await monitor.PublishAsync(Report(("postgresql", HealthStatus.Healthy, null, null), ("masstransit-bus", HealthStatus.Healthy, null, null)), default);
        listener.RecordObservableInstruments();

        var lines = logs.Entries.Select(e => (e.Level, e.Text)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(2));
            Assert.That(lines[0].Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(lines[0].Text, Is.EqualTo("Dependency masstransit-bus is Degraded: Not ready: not started: " + new System.Net.Sockets.SocketException(111).Message));
            Assert.That(lines[1].Level, Is.EqualTo(LogLevel.Information));
            Assert.That(lines[1].Text, Does.StartWith("Dependency masstransit-bus is back"));
            Assert.That(whileDown, Is.EqualTo(new Dictionary<string, double> { ["postgresql"] = 1, ["masstransit-bus"] = 0.5 }));
            Assert.That(up["masstransit-bus"], Is.EqualTo(1));
        });
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Test]
    public async Task A_dependency_not_yet_connected_at_start_up_is_a_warning_only_once_the_start_up_grace_is_over()
    {
        var logs = new CapturedLogs();
        var clock = new ManualClock();
        using var provider = new ServiceCollection().AddMetrics().AddLogging(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(logs)).BuildServiceProvider();
        using var monitor = new DependencyMonitor(provider.GetRequiredService<IMeterFactory>(), provider.GetRequiredService<ILogger<DependencyMonitor>>(), clock);
        var starting = Report(("masstransit-bus", HealthStatus.Unhealthy, "Not ready: not started", null));

        await monitor.PublishAsync(starting, default);
        clock.Now += TimeSpan.FromSeconds(5);
        await monitor.PublishAsync(Report(("masstransit-bus", HealthStatus.Healthy, null, null)), default);
        var quietStart = logs.Entries.Count;
        await monitor.PublishAsync(starting, default);
        clock.Now += DependencyMonitor.StartUpGrace;
        await monitor.PublishAsync(starting, default);

        Assert.Multiple(() =>
        {
            Assert.That(quietStart, Is.Zero, "connecting at start-up is no news, and so is its end");
            Assert.That(logs.Entries.Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Warning }), "failing after having worked is");
        });
    }

    [Test]
    public async Task A_dependency_still_failing_after_start_up_is_a_warning()
    {
        var logs = new CapturedLogs();
        var clock = new ManualClock();
        using var provider = new ServiceCollection().AddMetrics().AddLogging(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(logs)).BuildServiceProvider();
        using var monitor = new DependencyMonitor(provider.GetRequiredService<IMeterFactory>(), provider.GetRequiredService<ILogger<DependencyMonitor>>(), clock);
        var down = Report(("postgresql", HealthStatus.Unhealthy, "PostgreSQL is not reachable", null));

        await monitor.PublishAsync(down, default);
        clock.Now += DependencyMonitor.StartUpGrace;
        await monitor.PublishAsync(down, default);
        await monitor.PublishAsync(down, default);

        Assert.That(logs.Entries.Select(e => (e.Level, e.Text)), Is.EqualTo(new[] { (LogLevel.Warning, "Dependency postgresql is Unhealthy: PostgreSQL is not reachable") }));
    }

    [Test]
    public void The_reason_is_the_description_and_the_innermost_cause()
    {
        var entry = new HealthReportEntry(HealthStatus.Unhealthy, "PostgreSQL is not reachable", TimeSpan.Zero,
            new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111)), null);
        Assert.That(HealthJson.Reason(entry), Is.EqualTo("PostgreSQL is not reachable: " + new System.Net.Sockets.SocketException(111).Message));
    }
}
