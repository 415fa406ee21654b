using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crisis.Cli.Sampling;
using Crisis.Detection.Evaluating.Scenarios;
using Crisis.Detection.Monitoring;
using Crisis.Ingestion.Scoring;
using Crisis.IntegrationTests.Notifying;
using Crisis.IntegrationTests.Running;
using Npgsql;

namespace Crisis.OperationsTests.Detecting;

/// <summary>
/// A generated cascade (the scenario generator's, texts from the CLI's templates) played through the whole live path:
/// mentions in over HTTP, scored, bucketed on the event-time watermark, the page published, an incident opened and
/// on-call paged on the loopback webhook. The history goes in at once; the 40 minutes around the onset are streamed at
/// 60x (one scenario minute a real second), because buckets close as the watermark moves, not on a timer. A host of its
/// own, with the default detector options and its own schema: the shared clock of detection is then this scenario's.
/// </summary>
[NonParallelizable]
public class When_a_generated_cascade_streams_in_at_60x
{
    /// <summary>
    /// A cascade (seed % 7 == 1) on a brand of 0.35 mentions a minute that the monitor pages 4 minutes after the onset when
    /// played offline (the fastest it can: one bucket, then two minutes' lateness); live, each real second of the path
    /// costs a scenario minute.
    /// </summary>
    private const int Seed = 225;

    private const string BrandName = "Atlas";
    private const int Speed = 60;
    private static readonly TimeSpan Around = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(250);

    private readonly string schema = TestServers.Schema + "_cascade";
    private NotificationReceivers receivers = null!;
    private HostProcess host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        receivers = await NotificationReceivers.StartAsync();
        host = await HostProcess.StartAsync(new Dictionary<string, string>(receivers.HostSettings()) { ["EventStore__Schema"] = schema });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0 && host is not null)
            await TestContext.Out.WriteLineAsync(host.Output[Math.Max(0, host.Output.Length - 6000)..]);
        if (host is not null) await host.DisposeAsync();
        if (receivers is not null) await receivers.DisposeAsync();
        await using var database = NpgsqlDataSource.Create(TestServers.PostgresConnection);
        await using var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    private static ScenarioStream Stream()
    {
        var texts = ScenarioTextPool.FromTexts(NegativityScorer.Default,
            Fill(PostTemplates.Negative), Fill(PostTemplates.Neutral), Fill(PostTemplates.Positive), "templates");
        return new ScenarioGenerator(texts).Generate(Seed);

        static IEnumerable<string> Fill(string[] templates) => templates.Select(t => string.Format(CultureInfo.InvariantCulture, t, BrandName));
    }

    [Test]
    public async Task The_first_page_reaches_the_inbox_within_10_scenario_minutes_of_the_seed_post()
    {
        var stream = Stream();
        var offline = ScenarioRun.Play(stream, new MonitorOptions());
        // Preconditions on the generator, so a change there shows up as such rather than as a slow live path.
        Assert.That(stream.Kind, Is.AnyOf(ScenarioKind.Cascade, ScenarioKind.NewBrandCascade));
        Assert.That(offline.TimeToPage, Is.Not.Null.And.LessThanOrEqualTo(TimeSpan.FromMinutes(10)), "the offline monitor pages the cascade quickly");

        var onset = stream.Onset!.Value;
        var seedPost = stream.Mentions
            .Where(m => m.PublishedAt >= onset && m.PublishedAt < onset.AddMinutes(1) && m.ReplyTo is null && m.QuoteOf is null && m.ShareOf is null)
            .MaxBy(m => m.Followers)!;
        const string brand = "cascadeco";
        using var intake = host.ClientFor(NotificationReceivers.Organisation);
        using (var registered = await intake.PostAsJsonAsync("/api/brands", new { id = brand, name = BrandName, organisationId = NotificationReceivers.Organisation }))
            Assert.That(registered.IsSuccessStatusCode, Is.True, await registered.Content.ReadAsStringAsync());

        // Every timestamp moves by one constant so that the streamed part (onset ± 20 min) ends at the real now once
        // streamed at 60x: nothing is ever posted in the future (Ingestion:MaxClockSkew).
        var streamedFor = TimeSpan.FromTicks(2 * Around.Ticks / Speed);
        var shift = DateTimeOffset.UtcNow + streamedFor - (onset + Around);
        var history = stream.Mentions.TakeWhile(m => m.PublishedAt < onset - Around).ToList();
        var live = stream.Mentions.Skip(history.Count).TakeWhile(m => m.PublishedAt < onset + Around).ToList();
        foreach (var batch in history.Chunk(5000)) await PostAsync(intake, brand, batch, shift);

        var clock = Stopwatch.StartNew();
        var realStart = DateTimeOffset.UtcNow;
        var scenarioStart = onset - Around;
        DateTimeOffset ScenarioNow() => scenarioStart + clock.Elapsed * Speed;
        ReceivedWebhook? Paged() => receivers.Webhooks.Received.FirstOrDefault(r => r.Path == "/hooks/amina" && r.Body.Contains(brand, StringComparison.Ordinal));

        // The pacing ticks are the scenario's clock, not a wait for a result: each one sends what was published by then.
        using var ticks = new PeriodicTimer(Pace);
        var sent = 0;
        while (sent < live.Count && Paged() is null)
        {
            var now = ScenarioNow();
            var due = live.Skip(sent).TakeWhile(m => m.PublishedAt <= now).ToList();
            if (due.Count > 0) await PostAsync(intake, brand, due, shift);
            sent += due.Count;
            if (now >= onset + Around) break;
            await ticks.WaitForNextTickAsync();
        }

        var page = Paged() ?? await Eventually.ReturnsAsync(() => Task.FromResult(Paged()), r => r is not null, TimeSpan.FromSeconds(30), "the page on amina's webhook");
        var pagedAt = scenarioStart + (page!.ReceivedAt - realStart) * Speed;
        var minutes = (pagedAt - seedPost.PublishedAt).TotalMinutes;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {Seed} ({stream.Kind}, {stream.RatePerMinute:F2}/min): {history.Count} mentions at once, {sent} streamed; offline page after {offline.TimeToPage!.Value.TotalMinutes:F1} min, live page {minutes:F1} scenario min after the seed post"));
        Assert.That(minutes, Is.LessThanOrEqualTo(10), "scenario minutes from the seed post to the page on the webhook");
    }

    private static async Task PostAsync(HttpClient intake, string brand, IReadOnlyList<ScenarioMention> mentions, TimeSpan shift)
    {
        var body = new StringBuilder();
        foreach (var m in mentions) body.Append(JsonSerializer.Serialize(Mention(brand, m, shift))).Append('\n');
        using var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await intake.PostAsync(new Uri("/api/mentions", UriKind.Relative), content);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The intake's JSON shape, as <c>crisis sample</c> writes it; post ids keep the generator's, under the test's brand.</summary>
    private static Dictionary<string, object?> Mention(string brand, ScenarioMention m, TimeSpan shift)
    {
        string Id(string postId) => $"{brand}-{postId}";
        var mention = new Dictionary<string, object?>
        {
            ["platform"] = "x",
            ["postId"] = Id(m.PostId),
            ["brandId"] = brand,
            ["author"] = new Dictionary<string, object?> { ["handle"] = m.Author, ["followers"] = m.Followers },
            ["text"] = m.Text,
            ["publishedAt"] = (m.PublishedAt + shift).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        if (m.ReplyTo is { } reply) mention["replyTo"] = Id(reply);
        if (m.QuoteOf is { } quote) mention["quoteOf"] = Id(quote);
        if (m.ShareOf is { } share) mention["shareOf"] = Id(share);
        return mention;
    }
}
