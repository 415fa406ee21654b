using System.Net.Http.Json;
using System.Text.Json;
using Crisis.Cli.Connecting;
using Crisis.Connectors.Tests.Fakes;
using Crisis.IntegrationTests.Running;
using Eventually = Crisis.IntegrationTests.Running.Eventually;

namespace Crisis.IntegrationTests.Connecting;

/// <summary>
/// One node of the connectors role following the Bluesky Jetstream, a Mastodon hashtag, a news feed and X's filtered
/// stream at once, each a local fake speaking the platform's wire format: every matching post lands once in the store,
/// under its platform, and reaches the detector (the brand gets a buzz state).
/// </summary>
[NonParallelizable]
public class When_connectors_follow_every_streaming_source : IntegrationSpec
{
    [Test]
    public async Task Each_source_feeds_the_store_and_the_detector()
    {
        var now = DateTimeOffset.UtcNow;
        await using var jetstream = await FakeJetstream.StartAsync(JetstreamFrames.Posts(400, 4, now.AddMinutes(-20)));
        // Mastodon ids are (milliseconds since 1970) << 16: ids of 20 minutes ago, within a first start's backfill.
        var firstStatusId = (long)((ulong)now.AddMinutes(-20).ToUnixTimeMilliseconds() << 16);
        await using var mastodon = await FakeMastodon.StartAsync(FakeMastodon.Statuses(60, 3, firstStatusId, now.AddMinutes(-20)), publishedBeforeStart: 30);
        await using var x = await FakeXStream.StartAsync(60, mentionEvery: 3, publishedBeforeStart: 15);
        var articles = ServeFeedCommand.Read(Path.Combine(TestServers.RepositoryRoot, "ops", "demo", "press-feed.tsv"));
        await using var feed = await FakePages.StartAsync();
        // The feed as it stands when the demo starts: the later articles never appear here, so the count is known.
        feed.Answer = _ => (200, "application/atom+xml", ServeFeedCommand.Feed(articles, now, now));
        await RegisterBrandAsync("acme");
        await RegisterBrandAsync("atlas-air");

        await using var node = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Crisis__Services__0"] = "connectors",
            ["Crisis__Services__1"] = "connectors",
            ["Crisis__Services__2"] = "connectors",
            ["Connectors__Instances__bsky__Source"] = "bluesky",
            ["Connectors__Instances__bsky__Endpoint"] = jetstream.Endpoint.ToString(),
            ["Connectors__Instances__masto__Source"] = "mastodon",
            ["Connectors__Instances__masto__Endpoint"] = mastodon.Server.ToString(),
            ["Connectors__Instances__masto__Targets__0"] = "#acme",
            ["Connectors__Instances__xs__Source"] = "x-stream",
            ["Connectors__Instances__xs__Endpoint"] = x.Server.ToString(),
            ["Connectors__Instances__xs__Targets__0"] = "acme -is:retweet",
            ["Connectors__Instances__xs__Token"] = "x-bearer",
            ["Connectors__Instances__press__Source"] = "rss",
            ["Connectors__Instances__press__Targets__0"] = new Uri(feed.Address, "/press.atom").ToString(),
            // ops/run.sh's query for the demo's airline: its name in Latin and Arabic script.
            ["Connectors__Instances__press__Brands__atlas-air"] = "\"atlas air\" OR أطلس",
        }.Concat(new[] { "bsky", "masto", "xs", "press" }.SelectMany(name => new[]
        {
            KeyValuePair.Create($"Connectors__Instances__{name}__Organisation", "test-org"),
            KeyValuePair.Create($"Connectors__Instances__{name}__FlushInterval", "00:00:00.200"),
        })).Concat(new[] { "bsky", "masto", "xs" }.Select(name => KeyValuePair.Create($"Connectors__Instances__{name}__Brands__acme", "acme OR @acmesupport")))
            .ToDictionary());

        var aboutAtlas = articles.Count(a => a.Minutes <= 0 && (a.Title.Contains("Atlas Air", StringComparison.Ordinal) || a.Title.Contains("أطلس", StringComparison.Ordinal)));
        var expected = new Dictionary<string, long> { ["bluesky"] = 100, ["mastodon"] = 20, ["x"] = 20, ["news"] = aboutAtlas };
        foreach (var (platform, count) in expected)
        {
            await Eventually.ReturnsAsync(() => ScalarAsync($"SELECT count(*) FROM {{schema}}.mention_keys WHERE platform = '{platform}'"), n => n == count,
                TimeSpan.FromSeconds(60), $"every {platform} post naming the brand, once");
        }
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(expected.Values.Sum()), "each once in the events");

        var buzz = await Eventually.ReturnsAsync(BuzzBrandsAsync, brands => brands.Contains("acme") && brands.Contains("atlas-air"), TimeSpan.FromSeconds(120),
            "the detector to decide the brands' buckets from the connectors' mentions");
        Assert.That(buzz, Is.SupersetOf(new[] { "acme", "atlas-air" }));
    }

    private static async Task<List<string>> BuzzBrandsAsync() =>
        [.. (await Host.Http.GetFromJsonAsync<JsonElement>("/api/buzz")).EnumerateArray().Select(b => b.GetProperty("brandId").GetString()!)];
}
