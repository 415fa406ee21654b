using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Notifying;
using Crisis.IntegrationTests.Running;
using Crisis.OperationsTests.Scenario;
using Crisis.ServiceDefaults.Security.Authorizing;
using Npgsql;

namespace Crisis.OperationsTests.Observing;

/// <summary>
/// What an operator sees of one node handling a buzz: the trace, the metrics, readiness.
/// Mentions posted over HTTP with a known trace id, detected as a buzz by the daemon, published on RabbitMQ, opened
/// as an incident and paged to a webhook: one trace spans it all, carried in event headers between the steps that
/// meet only in the store, and in MassTransit headers between the steps that meet on the bus. The host writes its
/// finished spans to a file (<c>Telemetry:SpanFile</c>), which the spec reads.
/// </summary>
[NonParallelizable]
public class When_one_node_handles_a_buzz
{
    private const string Brand = "tracedco";
    private static readonly string TraceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    private readonly string schema = TestServers.Schema + "_trace";
    private string directory = null!;
    private NotificationReceivers receivers = null!;
    private HostProcess host = null!;

    /// <summary>The scenario's brand belongs to the on-call organisation: its admin registers it and posts its mentions.</summary>
    private HttpClient OrganisationClient => organisationClient ??= host.ClientFor(NotificationReceivers.Organisation);
    private HttpClient? organisationClient;
    private NpgsqlDataSource database = null!;

    private string SpanPath => Path.Combine(directory, "spans.ndjson");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        directory = Directory.CreateTempSubdirectory("crisis-ops-trace-").FullName;
        database = NpgsqlDataSource.Create(TestServers.PostgresConnection);
        receivers = await NotificationReceivers.StartAsync();
        var settings = new Dictionary<string, string>(receivers.HostSettings())
        {
            ["EventStore__Schema"] = schema,
            ["Detection__OptionsFile"] = BuzzScenario.WriteDetectorOptions(directory),
            ["Telemetry__SpanFile"] = SpanPath,
        };
        host = await HostProcess.StartAsync(settings);
        using var brand = await OrganisationClient.PostAsJsonAsync("/api/brands", new { id = Brand, name = "Traced Co", organisationId = NotificationReceivers.Organisation });
        Assert.That(brand.IsSuccessStatusCode, Is.True, await brand.Content.ReadAsStringAsync());

        // The client starts the trace, as an instrumented connector would: W3C traceparent on the intake request.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/mentions", UriKind.Relative)) { Content = BuzzScenario.Ndjson(BuzzScenario.Mentions(Brand)) };
        request.Headers.Add("traceparent", $"00-{TraceId}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16]}-01");
        using var response = await OrganisationClient.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0 && host is not null)
        {
            await TestContext.Out.WriteLineAsync(host.Output[Math.Max(0, host.Output.Length - 6000)..]);
            // The spans stay for inspection.
            File.Copy(SpanPath, Path.Combine(Path.GetTempPath(), $"crisis-ops-trace-{TraceId}.ndjson"), overwrite: true);
            await TestContext.Out.WriteLineAsync($"trace {TraceId}; spans in {Path.GetTempPath()}crisis-ops-trace-{TraceId}.ndjson");
        }
        if (host is not null) await host.DisposeAsync();
        if (receivers is not null) await receivers.DisposeAsync();
        await using (var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE")) await drop.ExecuteNonQueryAsync();
        await database.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private Task<List<Span>> TraceAsync(Func<List<Span>, bool> until, string because) =>
        Eventually.ReturnsAsync(async () => (await SpanFile.ReadAsync(SpanPath)).Where(s => s.TraceId == TraceId).ToList(), until,
            TimeSpan.FromSeconds(90), because);

    [Test]
    public async Task One_trace_spans_intake_append_decision_incident_and_notification()
    {
        // A span is written when it ends, and parents end after their children: wait for the notification's ancestry
        // to reach the intake (a broken chain never does, and the wait times out).
        var spans = await TraceAsync(t => t.Any(s => s.Name == "notification.send" && Ancestry(t, s).Contains("POST /api/mentions")),
            "the notification sent within the intake's trace");

        Assert.That(spans.Select(s => s.Name), Is.SupersetOf(new[]
        {
            "POST /api/mentions", "mentions.record", "mentions.append", "buzz.decide", "buzz.publish", "incident.open-from-buzz",
            "notification.plan", "notification.send",
        }));
        Assert.That(Ancestry(spans, spans.First(s => s.Name == "notification.send" && Ancestry(spans, s).Contains("POST /api/mentions"))), Is.SupersetOf(new[]
        {
            "notification.plan", "incident.open-from-buzz", "buzz.publish", "buzz.decide", "mentions.append", "mentions.record", "POST /api/mentions",
        }), "the notification descends from the intake through every step");
        Assert.That((await SpanFile.ReadAsync(SpanPath)).Select(s => s.Name), Does.Not.Contain("marten.daemon.highwatermark"),
            "the daemon's once-a-second polling is not traced");
    }

    [Test]
    public async Task The_webhook_call_carries_the_trace_and_the_incident_events_store_it()
    {
        var call = await Eventually.ReturnsAsync(
            () => Task.FromResult(receivers.Webhooks.Received.FirstOrDefault(r => r.Path == "/hooks/amina" && r.Status == 200)),
            r => r is not null, TimeSpan.FromSeconds(90), "the page on amina's webhook");

        Assert.That(call!.Header("traceparent"), Does.StartWith($"00-{TraceId}-"), "the receiver can join the trace");
        await using var command = database.CreateCommand(
            $"SELECT headers->>'traceparent' FROM {schema}.mt_events WHERE type IN ('mentions_recorded', 'buzz_escalated', 'incident_opened')");
        var stored = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
        Assert.That(stored, Is.Not.Empty.And.All.StartWith($"00-{TraceId}-"));
    }

    [Test]
    public async Task The_metrics_endpoint_shows_every_operations_metric_with_values()
    {
        // Wait for the webhook page, its outcome counted, and the gauges sampled (every few seconds) after the incident opened.
        var metrics = await Eventually.ReturnsAsync(ScrapeAsync,
            m => Value(m, "crisis_notifications_total", "channel=\"webhook\"", "outcome=\"sent\"") >= 1
                 && Value(m, "crisis_incidents_open", "status=\"opened\"") == 1,
            TimeSpan.FromSeconds(90), "the notification counted and the open incident sampled");

        Assert.Multiple(() =>
        {
            Assert.That(Value(metrics, "crisis_ingestion_mentions_total", "outcome=\"accepted\""), Is.EqualTo(BuzzScenario.Mentions(Brand).Count),
                "ingest rate: accepted mentions counted");
            Assert.That(Value(metrics, "crisis_detection_latency_seconds_count", "paged=\"true\""), Is.GreaterThanOrEqualTo(1), "detection latency of the page");
            Assert.That(Value(metrics, "crisis_projection_lag", "shard=\"detection:All\""), Is.Not.Null, "projection lag per shard");
            Assert.That(Value(metrics, "crisis_projection_lag_age_seconds", "shard=\"BuzzState:All\""), Is.Not.Null, "projection lag age per shard");
        });
    }

    [Test]
    public async Task It_is_ready_with_every_check_passing_once_the_projections_caught_up()
    {
        var caughtUp = await Eventually.ReturnsAsync(ScrapeAsync,
            m => new[] { "detection:All", "BuzzState:All", "buzz-publisher:All" }.All(shard => Value(m, "crisis_projection_lag", $"shard=\"{shard}\"") == 0),
            TimeSpan.FromSeconds(60), "every shard caught up");
        Assert.That(caughtUp, Is.Not.Empty);

        using var response = await host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(checks.GetProperty("projection-lag").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
            Assert.That(checks.GetProperty("postgresql").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
            Assert.That(checks.EnumerateObject().Select(c => c.Name), Has.Some.StartsWith("masstransit"), "the RabbitMQ bus is checked");
        });
    }

    /// <summary>Host-wide figures: an operator's token, not an organisation's admin's.</summary>
    private async Task<string> ScrapeAsync()
    {
        using var operatorClient = host.ClientFor("ops", "prometheus", CrisisRoles.Operator);
        return await operatorClient.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    /// <summary>The value of the first sample of a metric whose labels include all the given ones; null when there is none.</summary>
    private static double? Value(string exposition, string metric, params string[] labels)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal) && !line.StartsWith(metric + " ", StringComparison.Ordinal)) continue;
            var labelEnd = line.LastIndexOf('}');
            var labelText = labelEnd < 0 ? "" : line[..labelEnd];
            if (!labels.All(l => labelText.Contains(l, StringComparison.Ordinal))) continue;
            var value = line[(labelEnd + 1)..].Trim().Split(' ')[0];
            return double.Parse(value, CultureInfo.InvariantCulture);
        }
        return null;
    }

    private static List<string> Ancestry(List<Span> spans, Span span)
    {
        var byId = spans.ToDictionary(s => s.SpanId);
        var names = new List<string>();
        for (var current = span; current.ParentId is { } parent && byId.TryGetValue(parent, out var next); current = next) names.Add(next.Name);
        return names;
    }
}
