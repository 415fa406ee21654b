using Crisis.Connectors.Configuring;
using Crisis.Connectors.Cursors;
using Crisis.Connectors.Querying;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crisis.Connectors.Running;

/// <summary>Runs every configured connector side by side on a node of the <c>connectors</c> role, until the host stops.</summary>
public sealed class ConnectorsService(
    IOptions<ConnectorsSettings> options,
    IServiceProvider services,
    IMentionIntake intake,
    ICursorStore cursors,
    ConnectorsTelemetry telemetry,
    TimeProvider clock,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runs = options.Value.Instances.Select(e => Build(e.Key, e.Value)).ToList();
        return Task.WhenAll(runs.Select(run => Task.Run(() => run.RunAsync(stoppingToken), stoppingToken)));
    }

    public ConnectorRun Build(string name, ConnectorSettings settings) => new(
        name, settings,
        ConnectorSources.Create(name, settings, services, clock, loggers),
        MatcherFor(settings),
        intake, cursors, telemetry, clock, loggers.CreateLogger<ConnectorRun>());

    /// <summary>The brands' queries, compiled once (they were validated at start).</summary>
    public static BrandMatcher MatcherFor(ConnectorSettings settings) =>
        new(settings.Brands.Select(b => new BrandQuery(b.Key, QueryParser.Parse(b.Value))));
}
