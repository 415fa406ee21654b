using Crisis.Connectors.Configuring;
using Crisis.Connectors.Running;
using Crisis.Connectors.Tests.Fakes;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Crisis.Connectors.Tests.Running;

/// <summary>The readiness answer names a connector that keeps failing, with its last error, and clears once it reads again.</summary>
[Parallelizable(ParallelScope.None)]
public class When_a_connector_cannot_read_its_source
{
    private static ConnectorSettings Settings(FakePages fake) => new()
    {
        Source = "x",
        Organisation = "test-org",
        Endpoint = fake.Address,
        Targets = ["acme"],
        Token = "x-bearer",
        Brands = { ["acme"] = "acme" },
        PollInterval = TimeSpan.FromSeconds(1),
        MaxBackoff = TimeSpan.FromSeconds(1),
    };

    // The check reads in-memory state only: its task is complete when returned.
    private static HealthCheckResult Check(ConnectorSettings settings, ConnectorHarness connector) =>
        new ConnectorsHealthCheck(Options.Create(new ConnectorsSettings { Instances = { ["spec"] = settings, ["idle"] = settings } }), connector.Telemetry, TimeProvider.System)
            .CheckHealthAsync(new HealthCheckContext()).GetAwaiter().GetResult();

    [Test]
    public async Task The_node_is_degraded_with_the_reason_until_the_source_answers_again()
    {
        await using var fake = await FakePages.StartAsync();
        var down = true;
        fake.Answer = _ => down ? (500, "application/json", "{}") : (200, "application/json", """{"meta":{"result_count":0}}""");
        var settings = Settings(fake);
        await using var connector = new ConnectorHarness(settings);

        var failing = await Eventually.ReturnsAsync(() => Check(settings, connector), r => r.Status == HealthStatus.Degraded,
            because: $"{ConnectorsHealthCheck.FailuresBeforeDegraded} failures in a row");
        Assert.That(failing.Description, Does.Contain("1 of 2 connectors cannot read their source: spec:").And.Contain("answered 500"));
        Assert.That((string)failing.Data["spec"], Does.StartWith("reconnecting: "));
        Assert.That((string)failing.Data["idle"], Is.EqualTo("starting"), "a connector not heard of yet is starting");

        down = false;
        var healthy = await Eventually.ReturnsAsync(() => Check(settings, connector), r => r.Status == HealthStatus.Healthy,
            because: "the source answers again");
        Assert.That((string)healthy.Data["spec"], Does.StartWith("reading (last batch"));
    }
}
