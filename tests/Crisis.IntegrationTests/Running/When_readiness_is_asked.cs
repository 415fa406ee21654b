using System.Text.Json;

namespace Crisis.IntegrationTests.Running;

public class When_readiness_is_asked : IntegrationSpec
{
    [Test]
    public async Task A_node_running_the_daemon_reports_martens_own_daemon_check_beside_the_lag_check()
    {
        using var anonymous = Host.Anonymous();

        var checks = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString());
        }, until: c => c.GetValueOrDefault("marten-async-daemon") == "Healthy", because: "Marten's async daemon check to pass");

        Assert.That(checks, Does.ContainKey("projection-lag"));
    }
}
