using System.Globalization;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Tests.Fakes;

namespace Crisis.Connectors.Tests.Sources;

[Parallelizable(ParallelScope.None)]
public class When_a_connector_follows_the_x_filtered_stream
{
    private static ConnectorSettings Settings(FakeXStream fake, params string[] rules) => new()
    {
        Source = "x-stream",
        Organisation = "test-org",
        Endpoint = fake.Server,
        Targets = [.. rules.DefaultIfEmpty("acme -is:retweet")],
        Token = "x-bearer",
        Brands = { ["acme"] = "acme OR @acmesupport" },
        BatchSize = 20,
        FlushInterval = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromSeconds(2),
    };

    private static long Index(string key) => long.Parse(key.Split(':')[1], CultureInfo.InvariantCulture) - FakeXStream.FirstId;

    private static IEnumerable<long> EveryThird(int count) => Enumerable.Range(0, count).Where(i => i % 3 == 0).Select(i => (long)i);

    [Test]
    public async Task Its_rules_are_its_targets_and_searched_then_streamed_tweets_become_mentions()
    {
        await using var fake = await FakeXStream.StartAsync(60, mentionEvery: 3, publishedBeforeStart: 15);
        fake.Rules["1"] = ("old query", "crisis:spec");
        fake.Rules["2"] = ("someone else's", "their-app");
        fake.GarbageNext = "{\"data\": {\"id\": ";
        await using var connector = new ConnectorHarness(Settings(fake));

        var stored = await Eventually.ReturnsAsync(() => connector.Intake.Stored, s => s.Count == 20, because: "every tweet naming Acme, searched or streamed");

        Assert.That(stored.Keys.Select(Index), Is.EquivalentTo(EveryThird(60)));
        Assert.That(fake.Rules.Values, Is.EquivalentTo(new[] { ("someone else's", (string?)"their-app"), ("acme -is:retweet", "crisis:spec") }),
            "its stale rule deleted, its target added with its tag, another app's rule left alone");
        Assert.That(fake.SearchSinceIds.First(), Is.Null, "a first start searches the Backfill window");
        var reply = stored[$"x:{FakeXStream.FirstId + 6}:acme"];
        Assert.Multiple(() =>
        {
            Assert.That(reply.Author!.Handle, Is.EqualTo("user6"));
            Assert.That(reply.Author.DisplayName, Is.EqualTo("User 6"));
            Assert.That(reply.Author.Followers, Is.EqualTo(600));
            Assert.That(reply.ReplyTo, Is.EqualTo((FakeXStream.FirstId + 5).ToString(CultureInfo.InvariantCulture)));
            Assert.That(reply.Url, Is.EqualTo($"https://x.com/user6/status/{FakeXStream.FirstId + 6}"));
            Assert.That(stored[$"x:{FakeXStream.FirstId + 3}:acme"].Language, Is.Null, "X's 'qme' (media only) is no language");
        });
        Assert.That(fake.Authorizations, Has.All.EqualTo("Bearer x-bearer"));
        await Eventually.ReturnsAsync(() => connector.Cursors.Current!.Malformed, n => n == 1, because: "the cut-off line");
        Assert.That(connector.Log.Lines, Has.Some.Contains("malformed X stream line (not JSON"));
        await Eventually.ReturnsAsync(() => connector.Cursors.Current!.Position, p => p == (FakeXStream.FirstId + 59).ToString(CultureInfo.InvariantCulture),
            because: "the position is the newest tweet read");
    }

    [Test]
    public async Task Tweets_of_a_cut_connection_are_searched_since_the_committed_position_once()
    {
        await using var fake = await FakeXStream.StartAsync(600, mentionEvery: 3, publishedBeforeStart: 0);
        fake.DropNextAfter(after: 150, publishedMeanwhile: 120);
        await using var connector = new ConnectorHarness(Settings(fake));

        var stored = await Eventually.ReturnsAsync(() => connector.Intake.Stored, s => s.Count == 200, because: "every tweet naming Acme");

        Assert.That(stored.Keys.Select(Index), Is.EquivalentTo(EveryThird(600)));
        Assert.That(fake.StreamConnections, Has.Count.EqualTo(2));
        Assert.That(fake.SearchSinceIds, Has.Count.EqualTo(2), string.Join(", ", fake.SearchSinceIds));
        Assert.That(long.Parse(fake.SearchSinceIds.Last()!, CultureInfo.InvariantCulture) - FakeXStream.FirstId, Is.GreaterThanOrEqualTo(140),
            "the gap is searched from the committed position, not from the start");
        Assert.That(connector.Intake.Received, Is.LessThan(230), "only the tweets around the cut are sent twice (absorbed by the intake)");
        Assert.That(connector.Cursors.Current!.Reconnects, Is.EqualTo(1));
    }

    [Test]
    public async Task An_operational_disconnect_reconnects_and_loses_nothing()
    {
        await using var fake = await FakeXStream.StartAsync(90, mentionEvery: 3, publishedBeforeStart: 0);
        fake.DropNextAfter(after: 30, publishedMeanwhile: 20, error: "operational-disconnect");
        await using var connector = new ConnectorHarness(Settings(fake));

        var stored = await Eventually.ReturnsAsync(() => connector.Intake.Stored, s => s.Count == 30, because: "every tweet naming Acme");

        Assert.That(stored.Keys.Select(Index), Is.EquivalentTo(EveryThird(90)));
        Assert.That(connector.Log.Lines, Has.Some.Contains("X ended the stream: operational-disconnect"));
    }

    [Test]
    public async Task A_rule_x_refuses_is_named_and_nothing_is_streamed()
    {
        await using var fake = await FakeXStream.StartAsync(30, mentionEvery: 3, publishedBeforeStart: 0);
        await using var connector = new ConnectorHarness(Settings(fake, "acme", "acme ((broken"));

        await Eventually.ReturnsAsync(() => connector.Log.Lines, lines => lines.Any(l => l.Contains("X refused the connector's rules", StringComparison.Ordinal)),
            because: "the operator must see which rule");
        Assert.That(connector.Log.Lines.First(l => l.Contains("X refused", StringComparison.Ordinal)), Does.Contain("no viable alternative at input 'acme ((broken'"));
        Assert.That(fake.StreamConnections, Is.Empty, "no stream without the rules");
        Assert.That(connector.Intake.Stored, Is.Empty);
    }
}
