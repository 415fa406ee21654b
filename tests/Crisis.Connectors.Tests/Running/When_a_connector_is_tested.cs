using Crisis.Connectors.Configuring;
using Crisis.Connectors.Running;
using Crisis.Connectors.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crisis.Connectors.Tests.Running;

public class When_a_connector_is_tested
{
    [Test]
    public async Task It_lists_the_mentions_it_would_ingest_from_the_backfill_window()
    {
        await using var fake = await FakeJetstream.StartAsync(JetstreamFrames.Posts(500, mentionEvery: 10, DateTimeOffset.UtcNow.AddMinutes(-20)));
        var settings = new ConnectorSettings { Source = "bluesky", Organisation = "test-org", Endpoint = fake.Endpoint, Brands = { ["acme"] = "acme" } };
        await using var services = new ServiceCollection().BuildServiceProvider();

        var result = await ConnectorProbe.RunAsync("spec", settings, TimeSpan.FromSeconds(5), 30, services, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.SourceError, Is.Null);
        Assert.That(result.Mentions, Has.Count.EqualTo(30));
        Assert.That(result.Mentions.Select(m => m.PostId), Is.EqualTo(JetstreamFrames.MentioningIds(500, 10).Take(30)));
        Assert.That(fake.Connections.Single().Cursor, Is.LessThan(JetstreamFrames.FirstTimeUs), "from the backfill window (1 hour), which holds every frame");
    }

    [Test]
    public async Task A_bad_query_is_reported_with_its_setting_and_position_and_nothing_is_read()
    {
        var settings = new ConnectorSettings { Source = "bluesky", Organisation = "test-org", Brands = { ["acme"] = "acme OR", ["Bad Id"] = "x" } };
        await using var services = new ServiceCollection().BuildServiceProvider();

        var result = await ConnectorProbe.RunAsync("spec", settings, TimeSpan.FromSeconds(5), 30, services, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.That(result.Problems, Has.Some.EqualTo("Connectors:Instances:spec:Brands:acme: the query at character 6: OR needs a word, phrase, tag, handle or group after it"));
        Assert.That(result.Problems, Has.Some.StartsWith("Connectors:Instances:spec:Brands:Bad Id: a brand id must be"));
        Assert.That(result.Mentions, Is.Empty);
    }

    [Test]
    public void Every_setting_out_of_range_is_named_at_start()
    {
        var settings = new ConnectorSettings { Source = "myspace", Organisation = "", BatchSize = 0, TokenFile = "/nonexistent/token" };

        var problems = ConnectorSettingsValidator.Problems("spec", settings).ToList();

        Assert.That(problems, Has.Some.Contains(":Source: 'myspace' is not a known source; use one of: bluesky, mastodon, rss, reddit, youtube, x"));
        Assert.That(problems, Has.Some.Contains(":Organisation: is required"));
        Assert.That(problems, Has.Some.Contains(":Brands: name at least one brand"));
        Assert.That(problems, Has.Some.Contains(":BatchSize: must be from 1 to 5000"));
        Assert.That(problems, Has.Some.Contains(":TokenFile: '/nonexistent/token' is not a readable file"));
        Assert.That(ConnectorSettingsValidator.Problems("spec", new ConnectorSettings { Source = "mastodon", Organisation = "o", Brands = { ["a"] = "a" }, Targets = ["acme"] }),
            Has.Some.Contains("Endpoint: name the Mastodon server").And.Some.Contains("Targets: name exactly one of"));
    }
}
