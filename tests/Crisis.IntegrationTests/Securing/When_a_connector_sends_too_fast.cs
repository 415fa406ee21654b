using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;
using static Crisis.IntegrationTests.Running.SyntheticMentions;

namespace Crisis.IntegrationTests.Securing;

/// <summary>A host of its own whose intake allows each key a burst of 3 requests, then one an hour: no clock in the spec.</summary>
public class When_a_connector_sends_too_fast : IntegrationSpec
{
    private const int Burst = 3;
    private HostProcess host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => host = await HostProcess.StartAsync(new Dictionary<string, string>
    {
        ["Ingestion__RateLimit__Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Ingestion__RateLimit__PermitsPerPeriod"] = "1",
        ["Ingestion__RateLimit__PeriodSeconds"] = "3600",
    });

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (host is not null) await host.DisposeAsync();
    }

    private async Task<HttpClient> ConnectorAsync(string name)
    {
        using var response = await host.Http.PostAsJsonAsync("/api/keys", new { name });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var secret = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string postId) =>
        client.PostAsync(new Uri("/api/mentions", UriKind.Relative), new StringContent(Ndjson([Mention("acme", postId, DateTimeOffset.UtcNow.AddMinutes(-5))])));

    [Test]
    public async Task A_burst_past_the_limit_gets_429_with_retry_after_while_another_key_still_gets_202()
    {
        await RegisterBrandAsync("acme", host);
        using var noisy = await ConnectorAsync("noisy");
        using var quiet = await ConnectorAsync("quiet");

        for (var i = 0; i < Burst; i++)
        {
            using var accepted = await PostAsync(noisy, $"n{i}");
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), $"request {i + 1} of the burst");
        }
        using var refused = await PostAsync(noisy, "n-over");
        using var other = await PostAsync(quiet, "q1");

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "another key has its own budget");
        });
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(Burst + 1), "the refused request stored nothing");
    }
}
