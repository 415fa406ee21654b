using System.Diagnostics.Metrics;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Tests.Fakes;

/// <summary>One connector run against fakes, in the background, with its log lines kept.</summary>
public sealed class ConnectorHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;

    public RecordingIntake Intake { get; }

    public InMemoryCursors Cursors { get; }

    public ListLogger Log { get; } = new();

    /// <summary>What the run reports of itself (its state feeds the readiness check).</summary>
    public ConnectorsTelemetry Telemetry { get; }

    public ConnectorHarness(ConnectorSettings settings, RecordingIntake? intake = null, InMemoryCursors? cursors = null)
    {
        Intake = intake ?? new RecordingIntake();
        Cursors = cursors ?? new InMemoryCursors();
        services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var problems = ConnectorSettingsValidator.Problems("spec", settings).ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        var loggers = new LoggerFactory([new ListLoggerProvider(Log)]);
        Telemetry = new ConnectorsTelemetry(services.GetRequiredService<IMeterFactory>(), TimeProvider.System);
        var run = new ConnectorRun("spec", settings,
            ConnectorSources.Create("spec", settings, services, TimeProvider.System, loggers),
            ConnectorsService.MatcherFor(settings), Intake, Cursors, Telemetry,
            TimeProvider.System, loggers.CreateLogger<ConnectorRun>());
        running = Task.Run(() => run.RunAsync(stop.Token));
    }

    /// <summary>Stops the run as a host shutdown would, and says whether it ended cleanly.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (!running.IsCompleted) await StopAsync();
        // Shown with a failed spec's result: what the connector said while it ran.
        foreach (var line in Log.Lines) await TestContext.Out.WriteLineAsync(line);
        stop.Dispose();
        await services.DisposeAsync();
    }
}

public sealed class ListLogger
{
    private readonly List<string> lines = [];

    public void Add(string line)
    {
        lock (lines) lines.Add(line);
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (lines) return [.. lines]; }
    }
}

public sealed class ListLoggerProvider(ListLogger log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(log);

    public void Dispose()
    {
    }

    private sealed class Logger(ListLogger log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Add($"{logLevel}: {formatter(state, exception)}");
    }
}

/// <summary>Waits for a condition another task makes true, instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<T> probe, Func<T, bool> until, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = probe();
            if (until(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting{(because is null ? "" : " for " + because)}; last value: {value}");
            await Task.Delay(20);
        }
    }
}
