using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crisis.Cli.Hosting;
using Crisis.Detection.Buzz;
using Crisis.Detection.Detecting;
using Crisis.Detection.Replaying;
using Crisis.IntegrationTests.Running;
using Microsoft.Extensions.DependencyInjection;

namespace Crisis.IntegrationTests.Replaying;

/// <summary>
/// Live detection on the real servers, then a replay from the store: mentions in over HTTP, decided by the daemon,
/// then re-run in memory from the stored events, which must give the live buzz events exactly. A host and schema
/// of its own, because detection follows one event-time watermark per store.
/// </summary>
[NonParallelizable]
public class When_live_detection_is_replayed
{
    private readonly string schema = TestServers.Schema + "_replay";
    private HostProcess host = null!;
    private Microsoft.Extensions.Hosting.IHost store = null!;
    private DateTimeOffset end;

    // Ten hours before the end: an episode ends only after a quiet period (6 hours by default).
    private DateTimeOffset Onset => end.AddHours(-10);

    private ReplayWindow Window => new("buzzco", Onset.AddHours(-3), end);

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        host = await HostProcess.StartAsync(new Dictionary<string, string> { ["EventStore__Schema"] = schema });
        store = StoreHost.Build(new StoreSettings { Connection = TestServers.PostgresConnection, Schema = schema });
        var now = DateTime.UtcNow.Ticks;
        end = new DateTimeOffset(now - now % TimeSpan.TicksPerHour, TimeSpan.Zero);
        foreach (var brand in new[] { "buzzco", "quietco" })
        {
            using var response = await host.Http.PostAsJsonAsync("/api/brands", new { id = brand, name = brand, organisationId = "test-org" });
            Assert.That(response.IsSuccessStatusCode, Is.True);
        }
        await IngestAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        store.Dispose();
        await host.DisposeAsync();
        await using var drop = IntegrationSetup.Database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>38 hours of ordinary talk for two brands, a negative wave on one, calm afterwards; sent in deliveries of 2000.</summary>
    private async Task IngestAsync()
    {
        var random = new Random(7);
        var mentions = new List<string>();
        for (var minute = end.AddHours(-38); minute < end; minute = minute.AddMinutes(1))
        {
            Add("buzzco", minute, Poisson(random, 3), 0.15);
            Add("quietco", minute, Poisson(random, 1), 0.1);
            if (minute >= Onset && minute < Onset.AddMinutes(40)) Add("buzzco", minute, Poisson(random, 50), 0.9);
        }
        foreach (var batch in mentions.Order(StringComparer.Ordinal).Chunk(2000))
        {
            using var content = new StringContent(string.Join('\n', batch.Select(m => m[(m.IndexOf('|', StringComparison.Ordinal) + 1)..])), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = await host.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), content);
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }

        void Add(string brand, DateTimeOffset minute, int count, double negativeShare)
        {
            for (var i = 0; i < count; i++)
            {
                var at = minute.AddSeconds(random.Next(60)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                var text = random.NextDouble() < negativeShare ? "Worst service ever, I want my money back" : "Anyone tried their new app?";
                // Prefixed with its time so that sorting the lines sends them in publication order.
                mentions.Add(at + "|" + JsonSerializer.Serialize(new
                {
                    platform = "x", postId = $"{brand}-{mentions.Count}", brandId = brand,
                    author = new { handle = $"@u{random.Next(20_000)}", followers = random.Next(10, 50_000) }, text, publishedAt = at,
                }));
            }
        }
    }

    private Task<ReplayRun> ReplayAsync() => store.Services.GetRequiredService<DetectionReplays>().ReplayAsync(Window, CancellationToken.None);

    /// <summary>Live has decided the wave and its end.</summary>
    private Task<ReplayRun> LiveHasDecidedTheWaveAsync() => Eventually.ReturnsAsync(ReplayAsync,
        run => run.Comparison.Live.OfType<BuzzSubsided>().Any(), TimeSpan.FromSeconds(180), "live detection to decide the wave and its end");

    [Test]
    public async Task Replaying_the_store_gives_the_live_buzz_events_exactly()
    {
        var run = await LiveHasDecidedTheWaveAsync();

        Assert.That(run.Comparison.Live.OfType<BuzzEscalated>(), Is.Not.Empty, "live paged");
        Assert.That(run.Mentions, Is.GreaterThan(5000));
        Assert.That(run.Comparison.FirstDifference, Is.Null);
        Assert.That(run.Comparison.Replayed.Select(BuzzEventFacts.Text), Is.EqualTo(run.Comparison.Live.Select(BuzzEventFacts.Text)));
    }

    [Test]
    public async Task A_what_if_with_a_much_higher_threshold_reports_the_live_pages_as_vanished()
    {
        await LiveHasDecidedTheWaveAsync();
        var replays = store.Services.GetRequiredService<DetectionReplays>();

        var (_, report) = await replays.WhatIfAsync(Window, DetectorOptions.Default with { AlertThreshold = 500, CrisisThreshold = 900, CascadeEvidence = 1_000_000, SlowBurnEvidence = 1_000_000 }, CancellationToken.None);

        Assert.That(report.LivePages, Is.Not.Empty);
        Assert.That(report.WhatIfPages, Is.Empty);
        Assert.That(report.Vanished, Is.EqualTo(report.LivePages));
    }

    [Test]
    public async Task The_replay_command_says_it_reproduces_live()
    {
        await LiveHasDecidedTheWaveAsync();
        var app = new Spectre.Console.Cli.CommandApp();
        app.Configure(Crisis.Cli.CrisisCommands.Register);

        var exit = await app.RunAsync(
        [
            "replay", "--brand", "buzzco", "--connection", TestServers.PostgresConnection, "--schema", schema,
            "--from", Window.From.ToString("O", CultureInfo.InvariantCulture), "--to", Window.To.ToString("O", CultureInfo.InvariantCulture),
        ]);

        Assert.That(exit, Is.Zero, "0 means the replay reproduced the live decisions");
    }

    private string[] WindowOptions =>
    [
        "--brand", "buzzco", "--connection", TestServers.PostgresConnection, "--schema", schema,
        "--from", Window.From.ToString("O", CultureInfo.InvariantCulture), "--to", Window.To.ToString("O", CultureInfo.InvariantCulture),
    ];

    [Test]
    public async Task The_replay_command_writes_its_decisions_as_json_and_its_verdict_to_standard_error()
    {
        var live = await LiveHasDecidedTheWaveAsync();

        var (exit, json, error) = await CapturedCli.RunAsync(["replay", .. WindowOptions, "--output", "json"]);

        Assert.That(exit, Is.Zero, error);
        var rows = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(live.Comparison.Live.Count));
            Assert.That(rows.All(r => r.GetProperty("sameAsLive").GetBoolean()), Is.True);
            Assert.That(rows.Select(r => r.GetProperty("type").GetString()), Does.Contain(nameof(BuzzEscalated)));
            Assert.That(error, Does.Contain("Reproduces the live decisions exactly."));
        });
    }

    [Test]
    public async Task The_what_if_command_writes_its_episodes_as_csv()
    {
        await LiveHasDecidedTheWaveAsync();

        var (exit, csv, error) = await CapturedCli.RunAsync(["what-if", .. WindowOptions, "--set", "AlertThreshold=500", "--set", "CrisisThreshold=900",
            "--set", "CascadeEvidence=1000000", "--set", "SlowBurnEvidence=1000000", "--output", "csv"]);

        Assert.That(exit, Is.Zero, error);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("onset,end,liveEpisode,liveMinutesToDetect,whatIfEpisode,whatIfMinutesToDetect"));
            Assert.That(lines.Skip(1), Is.Not.Empty);
            Assert.That(lines.Skip(1).All(l => l.EndsWith(',')), Is.True, "no what-if page, no what-if time to detect: " + csv);
            Assert.That(error, Does.Contain("vanish"));
        });
    }

    [Test]
    public async Task Pacing_a_replay_for_a_script_is_refused_naming_the_options()
    {
        var (exit, output, error) = await CapturedCli.RunAsync(["replay", .. WindowOptions, "--output", "json", "--speed", "60"]);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("--speed").And.Contain("--output"));
        Assert.That(output, Is.Empty);
    }

    [Test]
    public async Task The_replay_endpoint_answers_with_the_comparison()
    {
        await LiveHasDecidedTheWaveAsync();

        using var response = await host.Http.PostAsJsonAsync("/api/replays", new { brandId = "buzzco", from = Window.From, to = Window.To });

        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("reproducesLive").GetBoolean(), Is.True);
        Assert.That(body.RootElement.GetProperty("decisions").GetArrayLength(), Is.EqualTo(body.RootElement.GetProperty("liveEvents").GetInt32()));
    }

    [Test]
    public async Task A_what_if_with_an_impossible_option_is_refused_naming_it()
    {
        using var response = await host.Http.PostAsJsonAsync("/api/what-ifs",
            new { brandId = "buzzco", from = Window.From, to = Window.To, options = new { AlertThreshold = -1 } });

        Assert.That((int)response.StatusCode, Is.EqualTo(422));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("field").GetString(), Is.EqualTo("options.AlertThreshold"));
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }
}
