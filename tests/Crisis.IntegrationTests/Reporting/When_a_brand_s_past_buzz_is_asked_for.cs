using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;
using static Crisis.IntegrationTests.Reporting.ReportingApi;

namespace Crisis.IntegrationTests.Reporting;

/// <summary>
/// A brand's buzz state rebuilt from its buzz events up to T. A host and schema of its own, because detection follows
/// one event-time watermark per store (and the shared store is reset under the daemon between tests).
/// </summary>
[NonParallelizable]
public class When_a_brand_s_past_buzz_is_asked_for
{
    private readonly string schema = TestServers.Schema + "_asof";
    private HostProcess host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => host = await HostProcess.StartAsync(new Dictionary<string, string> { ["EventStore__Schema"] = schema });

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await host.DisposeAsync();
        await using var drop = IntegrationSetup.Database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    private async Task<JsonElement?> GetAsync(string path)
    {
        using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative));
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : null;
    }

    private async Task AssertNotFoundAsync(string path, string field)
    {
        using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), body);
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("field").GetString(), Is.EqualTo(field), body);
    }

    [Test]
    public async Task It_is_the_live_state_now_and_did_not_exist_before_monitoring_started()
    {
        using (var brand = await host.Http.PostAsJsonAsync("/api/brands", new { id = "pastco", name = "Pastco", organisationId = "test-org" }))
            Assert.That(brand.IsSuccessStatusCode, Is.True);
        var beforeMonitoring = DateTimeOffset.UtcNow.AddSeconds(-1);
        var start = ThisMinute().AddMinutes(-10);
        var mentions = Enumerable.Range(0, 20).Select(i => SyntheticMentions.Mention("pastco", $"p{i}", start.AddSeconds(i * 30))).ToArray();
        using (var posted = await host.Http.PostAsJsonAsync("/api/mentions", mentions))
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await posted.Content.ReadAsStringAsync());

        // The live read model appears once the daemon has decided a bucket of the brand.
        var live = await Eventually.ReturnsAsync(() => GetAsync("/api/brands/pastco/buzz"), s => s is not null, TimeSpan.FromSeconds(90),
            "the detector to start monitoring the brand");
        var now = await Eventually.ReturnsAsync(() => GetAsync($"/api/brands/pastco/buzz/as-of/{Iso(DateTimeOffset.UtcNow.AddSeconds(1))}"), s => s is not null,
            because: "the buzz state as of now");

        Assert.Multiple(() =>
        {
            Assert.That(now!.Value.GetProperty("brandId").GetString(), Is.EqualTo("pastco"));
            Assert.That(now.Value.GetProperty("id").GetString(), Is.EqualTo("buzz/pastco"));
            Assert.That(now.Value.GetProperty("phase").GetString(), Is.EqualTo(live!.Value.GetProperty("phase").GetString()));
        });
        await AssertNotFoundAsync($"/api/brands/pastco/buzz/as-of/{Iso(beforeMonitoring)}", "asOf");
        await AssertNotFoundAsync($"/api/brands/nobody/buzz/as-of/{Iso(DateTimeOffset.UtcNow)}", "brandId");
    }
}
