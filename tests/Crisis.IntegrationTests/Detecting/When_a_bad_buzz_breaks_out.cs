using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crisis.Contracts.Buzz;
using Crisis.IntegrationTests.Running;
using MassTransit;

namespace Crisis.IntegrationTests.Detecting;

/// <summary>
/// The whole detection path on the real servers: mentions in over HTTP, scored, stored, bucketed on event time
/// by the daemon, buzz decisions stored and published on RabbitMQ. A host of its own, on a schema of its own,
/// because detection follows one event-time watermark per store.
/// </summary>
[NonParallelizable]
public class When_a_bad_buzz_breaks_out
{
    private static readonly string[] Negative =
    [
        "Worst service ever, I want my money back", "خدمة سيئة جدا، لا أحد يجيب", "Service client honteux, aucun remboursement 😡",
        "khedma khayba bzaf, 3lach ma tjawbouch?", "This company is a scam, never again", "أسوأ شركة تعاملت معها",
    ];
    private static readonly string[] Positive =
    [
        "Merci pour la promo, livraison super rapide 👍", "Great deal today, love it!", "شكرا على العرض الرائع 😍", "Top service, bravo à l'équipe",
    ];
    private static readonly string[] Ordinary =
    [
        "Nouveaux horaires annoncés pour l'hiver", "Anyone tried their new app?", "أعلنت الشركة عن خدمة جديدة اليوم", "chkoun jarreb l'application jdida?",
    ];

    private readonly string schema = TestServers.Schema + "_detect";
    private readonly ConcurrentBag<BuzzEscalated> pages = [];
    private readonly ConcurrentBag<BuzzSubsided> subsided = [];
    private HostProcess host = null!;
    private IBusControl observer = null!;
    private DateTimeOffset end;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        observer = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(TestServers.RabbitMq);
            cfg.ReceiveEndpoint($"crisis-test-buzz-observer-{Environment.ProcessId}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<BuzzEscalated>(context => { pages.Add(context.Message); return Task.CompletedTask; });
                e.Handler<BuzzSubsided>(context => { subsided.Add(context.Message); return Task.CompletedTask; });
            });
        });
        await observer.StartAsync();
        host = await HostProcess.StartAsync(new Dictionary<string, string> { ["EventStore__Schema"] = schema });
        // One reading of the clock: two could straddle a tick and leave the end (and every minute from it) off the minute.
        var now = DateTime.UtcNow.Ticks;
        end = new DateTimeOffset(now - now % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(-1);
        foreach (var brand in new[] { "buzzco", "campaignco" })
        {
            using var response = await host.Http.PostAsJsonAsync("/api/brands", new { id = brand, name = brand, organisationId = "test-org" });
            Assert.That(response.IsSuccessStatusCode, Is.True);
        }
        await IngestAsync(Scenario());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await host.DisposeAsync();
        await observer.StopAsync();
        await using var drop = IntegrationSetup.Database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    private DateTimeOffset BuzzOnset => end.AddHours(-9);

    private DateTimeOffset CampaignOnset => end.AddHours(-7);

    /// <summary>
    /// 40 hours of ordinary talk for two brands (so the waves come after the detector's first-day warm-up), a
    /// sudden negative wave on one, a positive one on the other, and enough calm afterwards to subside.
    /// </summary>
    private List<Dictionary<string, object?>> Scenario()
    {
        var random = new Random(5);
        var mentions = new List<Dictionary<string, object?>>();
        var start = end.AddHours(-40);
        for (var minute = start; minute < end; minute = minute.AddMinutes(1))
        {
            Add("buzzco", minute, Poisson(random, 3), () => random.NextDouble() < 0.15 ? Negative : random.NextDouble() < 0.3 ? Positive : Ordinary);
            Add("campaignco", minute, Poisson(random, 2), () => random.NextDouble() < 0.15 ? Negative : random.NextDouble() < 0.3 ? Positive : Ordinary);
            if (minute >= BuzzOnset && minute < BuzzOnset.AddMinutes(40)) Add("buzzco", minute, Poisson(random, 60), () => random.NextDouble() < 0.9 ? Negative : Ordinary);
            if (minute >= CampaignOnset && minute < CampaignOnset.AddMinutes(30)) Add("campaignco", minute, Poisson(random, 40), () => Positive);
        }
        return [.. mentions.OrderBy(m => (string)m["publishedAt"]!, StringComparer.Ordinal)];

        void Add(string brand, DateTimeOffset minute, int count, Func<string[]> pool)
        {
            for (var i = 0; i < count; i++)
            {
                var texts = pool();
                mentions.Add(new Dictionary<string, object?>
                {
                    ["platform"] = "x",
                    ["postId"] = $"{brand}-{mentions.Count}",
                    ["brandId"] = brand,
                    ["author"] = new Dictionary<string, object?> { ["handle"] = $"@u{random.Next(20_000)}", ["followers"] = random.Next(10, 50_000) },
                    ["text"] = texts[random.Next(texts.Length)],
                    ["publishedAt"] = minute.AddSeconds(random.Next(60)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                });
            }
        }
    }

    private async Task IngestAsync(List<Dictionary<string, object?>> mentions)
    {
        foreach (var batch in mentions.Chunk(5000))
        {
            var body = new StringBuilder();
            foreach (var mention in batch) body.Append(JsonSerializer.Serialize(mention)).Append('\n');
            using var content = new StringContent(body.ToString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = await host.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), content);
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }
    }

    private async Task<List<(string Type, JsonElement Data)>> BuzzEventsAsync(string brand)
    {
        await using var command = IntegrationSetup.Database.CreateCommand(
            $"SELECT type, data FROM {schema}.mt_events WHERE stream_id = 'buzz/{brand}' ORDER BY seq_id");
        var events = new List<(string, JsonElement)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) events.Add((reader.GetString(0), JsonDocument.Parse(reader.GetString(1)).RootElement.Clone()));
        return events;
    }

    [Test]
    public async Task The_brand_reaches_crisis_within_five_buckets_of_the_onset()
    {
        var events = await Eventually.ReturnsAsync(() => BuzzEventsAsync("buzzco"),
            e => e.Any(x => x.Type == "buzz_phase_changed" && x.Data.GetProperty("to").GetString() == "Crisis"),
            TimeSpan.FromSeconds(120), "the buzz to reach Crisis");

        var crisis = events.First(x => x.Type == "buzz_phase_changed" && x.Data.GetProperty("to").GetString() == "Crisis");
        var bucket = crisis.Data.GetProperty("bucket").GetDateTimeOffset();
        // Buckets start on whole minutes; the onset is a wall-clock instant with seconds: compare the minute it falls in.
        var onsetMinute = new DateTimeOffset(BuzzOnset.UtcTicks - BuzzOnset.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        Assert.That(bucket - onsetMinute, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(5)), $"crisis at {bucket:HH:mm}, onset {BuzzOnset:HH:mm}");
    }

    [Test]
    public async Task The_page_arrives_on_rabbitmq_with_its_evidence()
    {
        var page = await Eventually.ReturnsAsync(() => Task.FromResult(pages.FirstOrDefault(p => p.BrandId == "buzzco" && p.Kind == "EpisodeStart")), p => p is not null,
            TimeSpan.FromSeconds(120), "BuzzEscalated on the bus");

        Assert.That(page!.Kind, Is.EqualTo("EpisodeStart"));
        Assert.That(page.Evidence.NegativeShare, Is.GreaterThan(0.5));
        Assert.That(page.Evidence.TopNegativePosts, Is.Not.Empty);
        Assert.That(page.OnsetAt, Is.InRange(BuzzOnset.AddMinutes(-5), BuzzOnset.AddMinutes(5)));
    }

    [Test]
    public async Task The_brand_subsides_after_the_wave()
    {
        var message = await Eventually.ReturnsAsync(() => Task.FromResult(subsided.FirstOrDefault(p => p.BrandId == "buzzco")), p => p is not null,
            TimeSpan.FromSeconds(120), "BuzzSubsided on the bus");

        Assert.That(message!.SubsidedAt, Is.GreaterThan(BuzzOnset.AddMinutes(40)));
        using var state = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("/api/brands/buzzco/buzz", UriKind.Relative)));
        Assert.That(state.RootElement.GetProperty("phase").GetString(), Is.EqualTo("Calm"));
    }

    [Test]
    public async Task A_positive_campaign_spike_pages_nobody()
    {
        var events = await Eventually.ReturnsAsync(() => BuzzEventsAsync("campaignco"),
            e => e.Any(x => x.Type == "positive_spike_observed"), TimeSpan.FromSeconds(120), "the positive spike to be recognised");

        Assert.That(events.Where(x => x.Type == "buzz_escalated"), Is.Empty);
        Assert.That(pages.Where(p => p.BrandId == "campaignco"), Is.Empty);
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }
}
