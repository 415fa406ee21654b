using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crisis.IntegrationTests.Running;
using Npgsql;

namespace Crisis.OperationsTests.Outages;

/// <summary>
/// While PostgreSQL is stopped, every request that needs it answers 503 problem+json with Retry-After (the issue saw
/// 500s), nothing is half-stored, and the host logs the outage in one line and its end in another, not a stack trace
/// per request. Stops the shared PostgreSQL: run under the integration lock.
/// </summary>
[NonParallelizable]
public class When_postgresql_is_down_under_http_requests
{
    private const string Brand = "httpoutage";
    private readonly string schema = TestServers.Schema + "_http_outage";
    private HostProcess host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        host = await HostProcess.StartAsync(new Dictionary<string, string> { ["EventStore__Schema"] = schema });

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (host is not null) await host.DisposeAsync();
        await using var database = NpgsqlDataSource.Create(TestServers.PostgresConnection);
        await using var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    private static StringContent Mention(int i) => new(
        JsonSerializer.Serialize(new[]
        {
            new
            {
                platform = "x", postId = "http-outage-" + i.ToString(CultureInfo.InvariantCulture), brandId = Brand,
                author = new { handle = "fan" }, text = "Le service est encore en panne",
                publishedAt = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture),
            },
        }),
        Encoding.UTF8, "application/json");

    [Test]
    public async Task Requests_answer_503_with_retry_after_and_the_outage_is_logged_once()
    {
        using (var registered = await host.Http.PostAsJsonAsync("/api/brands", new { id = Brand, name = "Http Outage", organisationId = "test-org" }))
            Assert.That(registered.IsSuccessStatusCode, Is.True, await registered.Content.ReadAsStringAsync());
        using (var before = await host.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), Mention(0)))
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        var answers = new List<(string Request, HttpStatusCode Status, string? ContentType, bool RetryAfter)>();
        await using (var outage = await PostgresOutage.BeginAsync())
        {
            for (var i = 1; i <= 20; i++)
            {
                answers.Add(await SendAsync($"POST mention {i}", () => host.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), Mention(i))));
                answers.Add(await SendAsync("GET incidents", () => host.Http.GetAsync(new Uri("/api/incidents", UriKind.Relative))));
                answers.Add(await SendAsync("POST incident", () => host.Http.PostAsJsonAsync("/api/incidents", new { brandId = Brand, title = "During", severity = 5 })));
            }
            await outage.EndAsync();
        }
        using (var after = await Eventually.ReturnsAsync(
                   () => host.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), Mention(99)), r => r.StatusCode == HttpStatusCode.Accepted,
                   because: "the intake accepts mentions once PostgreSQL is back"))
        {
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        var wrong = answers.Where(a => a.Status != HttpStatusCode.ServiceUnavailable || a.ContentType != "application/problem+json" || !a.RetryAfter).ToList();
        Assert.That(wrong, Is.Empty, "every request during the outage answers 503 problem+json with Retry-After");
        // The end is logged after the first good answer has gone out, and the console logger writes in the background.
        var log = await Eventually.ReturnsAsync(() => Task.FromResult(host.Output), output => output.Contains("PostgreSQL is back", StringComparison.Ordinal),
            timeout: TimeSpan.FromSeconds(10), because: "the end of the outage to be logged");
        Assert.That(CountOf(log, "PostgreSQL is unavailable"), Is.EqualTo(1), "one line when the outage begins");
        Assert.That(CountOf(log, "PostgreSQL is back"), Is.EqualTo(1), "one line when it ends");
        // The background workers (daemon, consumers) say their own piece; requests add no error of their own.
        Assert.That(CountOf(log, "An unhandled exception has occurred while executing the request"), Is.Zero, "no stack trace per request");
    }

    private static async Task<(string, HttpStatusCode, string?, bool)> SendAsync(string name, Func<Task<HttpResponseMessage>> send)
    {
        using var response = await send();
        return (name, response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter is not null);
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
