using Crisis.Cli.Connecting;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Tests.Fakes;
using Crisis.IntegrationTests.Running;
using Eventually = Crisis.IntegrationTests.Running.Eventually;

namespace Crisis.IntegrationTests.Connecting;

/// <summary>
/// The demo's press feed (<c>crisis connectors serve-feed</c> over ops/demo/press-feed.tsv) read by the rss connector with
/// the demo's brand queries: the articles already out are read at once, the later ones as they appear, each for its brand.
/// </summary>
[NonParallelizable]
public class When_the_demo_press_feed_is_followed
{
    [Test]
    public async Task Articles_become_mentions_of_their_brand_as_they_appear()
    {
        var articles = ServeFeedCommand.Read(Path.Combine(TestServers.RepositoryRoot, "ops", "demo", "press-feed.tsv"));
        var started = DateTimeOffset.UtcNow;
        var now = started;
        await using var fake = await FakePages.StartAsync();
        fake.Answer = request => request.Path == "/press.atom" ? (200, "application/atom+xml", ServeFeedCommand.Feed(articles, started, now)) : (404, "text/plain", "");
        // The demo's connector, as ops/run.sh configures it.
        var settings = new ConnectorSettings
        {
            Source = "rss",
            Organisation = "demo",
            Targets = [new Uri(fake.Address, "/press.atom").ToString()],
            PollInterval = TimeSpan.FromSeconds(1),
            Brands = { ["atlas-air"] = "\"atlas air\" OR أطلس", ["souk-market"] = "\"souk market\"", ["medina-telecom"] = "\"medina telecom\"" },
        };
        await using var connector = new ConnectorHarness(settings);

        var already = articles.Count(a => a.Minutes <= 0);
        var stored = await Eventually.ReturnsAsync(() => Task.FromResult(connector.Intake.Stored), s => s.Count == already, because: "the articles already out");
        Assert.That(stored.Values.Count(m => m.BrandId == "atlas-air"), Is.EqualTo(2), "the English and the Arabic article on Atlas Air");
        Assert.That(stored.Values.Select(m => m.BrandId), Is.SupersetOf(new[] { "souk-market", "medina-telecom" }));

        now = started.AddMinutes(articles.Max(a => a.Minutes));
        stored = await Eventually.ReturnsAsync(() => Task.FromResult(connector.Intake.Stored), s => s.Count == articles.Count, because: "the later articles, once out");
        Assert.That(stored.Values.Count(m => m.BrandId == "atlas-air"), Is.EqualTo(4));
    }

    [Test]
    public void An_items_file_with_a_bad_line_is_refused_naming_the_line()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "minutes\ttitle\tsummary\n-5\tA\tB\nsoon\tC\tD\n");
        try
        {
            Assert.That(() => ServeFeedCommand.Read(path), Throws.TypeOf<FormatException>().With.Message.Contains(":3: expected 3 tab-separated fields"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
