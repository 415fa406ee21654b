using System.Globalization;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Tests.Fakes;

namespace Crisis.Connectors.Tests.Sources;

[Parallelizable(ParallelScope.None)]
public class When_a_connector_follows_a_mastodon_hashtag
{
    private static readonly string Fixture = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "mastodon", "statuses.json");
    private const long FirstId = 115_700_000_000_000_000;

    private static ConnectorSettings Settings(FakeMastodon fake, string query = "acme") => new()
    {
        Source = "mastodon",
        Organisation = "test-org",
        Endpoint = fake.Server,
        Targets = ["#acme"],
        Token = "secret-token",
        Brands = { ["acme"] = query },
        BatchSize = 20,
        FlushInterval = TimeSpan.FromMilliseconds(100),
    };

    private static async Task<InMemoryCursors> CursorAtAsync(string position)
    {
        var cursors = new InMemoryCursors();
        await cursors.SaveAsync("spec", "mastodon", "test-org", position, default, DateTimeOffset.UtcNow, null, null, CancellationToken.None);
        return cursors;
    }

    [Test]
    public async Task Backfilled_and_streamed_statuses_become_mentions_with_what_the_platform_gives()
    {
        // The first two statuses exist before the connector starts (backfill); the others are streamed.
        await using var fake = await FakeMastodon.StartAsync(FakeMastodon.Fixture(Fixture), publishedBeforeStart: 2);
        await using var connector = new ConnectorHarness(Settings(fake), cursors: await CursorAtAsync("115677999999999999"));
        var host = fake.Server.Host;

        var stored = await Eventually.ReturnsAsync(() => connector.Intake.Stored, s => s.Count == 4, because: "the four statuses of their own that name Acme");

        var french = stored[$"mastodon:{host}/115678000000000001:acme"];
        Assert.That(french.Text, Is.EqualTo("Trois semaines sans colis, merci #Acme & bravo.\nJe ne commanderai plus."));
        Assert.That(french.Author!.Handle, Is.EqualTo($"claire@{host}"), "a local account is named with its server");
        Assert.That(french.Author.DisplayName, Is.EqualTo("Claire M."));
        Assert.That(french.Author.Followers, Is.EqualTo(1250));
        Assert.That(french.Language, Is.EqualTo("fr"));
        Assert.That(french.Url, Is.EqualTo("https://mastodon.social/@claire/115678000000000001"));
        Assert.That(french.PublishedAt, Is.EqualTo("2026-12-07T08:00:00.0000000Z"));
        var reply = stored[$"mastodon:{host}/115678000000000002:acme"];
        Assert.That(reply.ReplyTo, Is.EqualTo($"{host}/115678000000000001"), "the parent is named as its own mention is");
        Assert.That(reply.Author!.Handle, Is.EqualTo("sam@fosstodon.org"));
        Assert.That(reply.Text, Is.EqualTo("@claire same with #acme, no refund yet"));
        Assert.That(stored[$"mastodon:{host}/115678000000000004:acme"].Text, Is.EqualTo("colère\nLe SAV #acme raccroche au nez\ndeux fois"), "the content warning is part of the text");
        Assert.That(stored.ContainsKey($"mastodon:{host}/115678000000000003:acme"), Is.False, "a boost is no post of its own");
        Assert.That(stored.ContainsKey($"mastodon:{host}/115678000000000005:acme"), Is.True);

        await Eventually.ReturnsAsync(() => connector.Cursors.Current!.Malformed, n => n == 1, because: "the status without an account");
        Assert.That(connector.Log.Lines, Has.Some.Contains("without account.acct"));
        Assert.That(fake.SearchMinIds.First(), Is.EqualTo("115677999999999999"), "the backfill starts at the stored position");
        Assert.That(fake.Authorizations, Has.All.EqualTo("Bearer secret-token"));
        await Eventually.ReturnsAsync(() => connector.Cursors.Current!.Position, p => p == "115678000000000006");
    }

    [Test]
    public async Task Statuses_published_while_the_stream_was_cut_are_found_by_the_backfill_once()
    {
        await using var fake = await FakeMastodon.StartAsync(FakeMastodon.Statuses(600, mentionEvery: 3, FirstId, DateTimeOffset.UtcNow.AddHours(-1)), publishedBeforeStart: 100);
        fake.DropNextAfter(after: 150, publishedMeanwhile: 120);
        await using var connector = new ConnectorHarness(Settings(fake), cursors: await CursorAtAsync((FirstId - 1).ToString(CultureInfo.InvariantCulture)));

        var stored = await Eventually.ReturnsAsync(() => connector.Intake.Stored, s => s.Count == 200, because: "every status naming Acme");

        Assert.That(stored.Keys.Select(k => long.Parse(k.Split('/')[1].Split(':')[0], CultureInfo.InvariantCulture) - FirstId),
            Is.EquivalentTo(Enumerable.Range(0, 600).Where(i => i % 3 == 0).Select(i => (long)i)));
        Assert.That(fake.StreamConnections, Has.Count.EqualTo(2));
        var backfills = fake.SearchMinIds.ToArray();
        Assert.That(long.Parse(backfills.Last(id => id != backfills[0])!, CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(FirstId + 100),
            "the second backfill starts from the committed position, not the first one's");
        Assert.That(connector.Cursors.Current!.Reconnects, Is.EqualTo(1));
    }

    [Test]
    public async Task A_429_on_the_stream_is_waited_out_and_a_malformed_event_is_skipped()
    {
        await using var fake = await FakeMastodon.StartAsync(FakeMastodon.Statuses(30, mentionEvery: 3, FirstId, DateTimeOffset.UtcNow.AddHours(-1)), publishedBeforeStart: 0);
        fake.RefuseNext(1);
        fake.GarbageNext = "{\"id\": \"12\", \"content\": ";
        await using var connector = new ConnectorHarness(Settings(fake), cursors: await CursorAtAsync((FirstId - 1).ToString(CultureInfo.InvariantCulture)));

        await Eventually.ReturnsAsync(() => connector.Intake.Stored.Count, n => n == 10, because: "every status naming Acme");

        Assert.That(fake.StreamConnections.Single() - fake.Refusals.Single(), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)), "Retry-After: 2");
        await Eventually.ReturnsAsync(() => connector.Cursors.Current!.Malformed, n => n == 1);
        Assert.That(connector.Log.Lines, Has.Some.Contains("malformed Mastodon status (not JSON"));
    }
}
