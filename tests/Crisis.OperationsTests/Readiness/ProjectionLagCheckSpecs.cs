using Crisis.ServiceDefaults.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crisis.OperationsTests.Readiness;

/// <summary>The readiness check's judgement of projection lag, over a fake lag source.</summary>
public class ProjectionLagCheckSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly ProjectionLagThresholds Limits = new(MaxProjectionLag: 1_000, MaxProjectionLagAge: TimeSpan.FromMinutes(2));

    private sealed class FakeLag(params ShardLag[] shards) : IProjectionLagSource
    {
        public Task<IReadOnlyList<ShardLag>> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ShardLag>>(shards);
    }

    private sealed class UnreachableLag : IProjectionLagSource
    {
        public Task<IReadOnlyList<ShardLag>> ReadAsync(CancellationToken cancellationToken) =>
            throw new Npgsql.NpgsqlException("connection refused");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static Task<HealthCheckResult> CheckAsync(IProjectionLagSource source, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        var check = new ProjectionLagHealthCheck(source, Options.Create(Limits), new FixedClock(Now));
        var registration = new HealthCheckRegistration("projection-lag", check, failureStatus, tags: null);
        return check.CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }

    [Test]
    public async Task Caught_up_shards_are_healthy()
    {
        var result = await CheckAsync(new FakeLag(new ShardLag("detection:All", 500, 500, null), new ShardLag("BuzzState:All", 500, 500, null)));

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Healthy));
        Assert.That(result.Data["detection:All"], Is.EqualTo(0L));
    }

    [Test]
    public async Task A_shard_a_little_behind_for_a_moment_is_healthy()
    {
        var result = await CheckAsync(new FakeLag(new ShardLag("detection:All", 400, 500, Now.AddSeconds(-10))));

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Healthy));
        Assert.That(result.Description, Does.Contain("100 events behind"));
    }

    [Test]
    public async Task A_shard_more_events_behind_than_the_limit_fails_and_is_named()
    {
        var result = await CheckAsync(new FakeLag(new ShardLag("detection:All", 500, 500, null), new ShardLag("BuzzState:All", 100, 1_200, Now.AddSeconds(-5))));

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(result.Description, Does.StartWith("BuzzState:All is 1100 events behind"));
        Assert.That(result.Description, Does.Not.Contain("detection:All"));
    }

    [Test]
    public async Task A_shard_whose_oldest_pending_event_waits_too_long_fails_even_with_few_events()
    {
        var result = await CheckAsync(new FakeLag(new ShardLag("buzz-publisher:All", 499, 500, Now.AddMinutes(-3))));

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(result.Description, Does.Contain("buzz-publisher:All is 1 events behind (oldest waiting 180 s)"));
    }

    [Test]
    public async Task A_node_without_the_daemon_reports_the_lag_as_degraded_not_unhealthy()
    {
        var result = await CheckAsync(new FakeLag(new ShardLag("detection:All", 0, 5_000, Now.AddMinutes(-10))), HealthStatus.Degraded);

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Degraded));
    }

    [Test]
    public async Task An_unreadable_progress_table_fails_with_the_reason()
    {
        var result = await CheckAsync(new UnreachableLag());

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(result.Exception?.Message, Is.EqualTo("connection refused"));
    }

    [TestCase("Health:MaxProjectionLagAge", "-00:01:00", "Health:MaxProjectionLagAge must be a positive duration")]
    [TestCase("Health:MaxProjectionLag", "-1", "Health:MaxProjectionLag must be zero or more events")]
    public void Thresholds_that_make_no_sense_are_refused_with_the_setting_named(string setting, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value }).Build();
        using var services = new ServiceCollection().AddProjectionLagMonitoring(configuration, runsDaemon: true).BuildServiceProvider();

        Assert.That(() => services.GetRequiredService<IOptions<ProjectionLagThresholds>>().Value,
            Throws.TypeOf<OptionsValidationException>().With.Message.Contains(message));
    }

    [Test]
    public void Unset_thresholds_take_the_defaults()
    {
        using var services = new ServiceCollection().AddProjectionLagMonitoring(new ConfigurationBuilder().Build(), runsDaemon: true).BuildServiceProvider();

        Assert.That(services.GetRequiredService<IOptions<ProjectionLagThresholds>>().Value,
            Is.EqualTo(new ProjectionLagThresholds(50_000, TimeSpan.FromMinutes(5))));
    }

    [TestCase(true, ExpectedResult = true)]
    [TestCase(false, ExpectedResult = false)]
    public bool Martens_daemon_check_is_registered_only_where_the_daemon_runs(bool runsDaemon)
    {
        using var services = new ServiceCollection().AddProjectionLagMonitoring(new ConfigurationBuilder().Build(), runsDaemon).BuildServiceProvider();
        return services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Any(r => r.Name == ProjectionLagSetup.MartenDaemonCheck);
    }
}
