using System.Text.Json;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Tests.Fakes;

namespace Crisis.Connectors.Tests.Sources;

[Parallelizable(ParallelScope.None)]
public class When_a_connector_polls_news_feeds
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "feeds", name));

    private static async Task<(FakePages Fake, ConnectorSettings Settings, InMemoryCursors Cursors)> StartAsync()
    {
        var fake = await FakePages.StartAsync();
        fake.Answer = request => request.Path.Value switch
        {
            "/rss.xml" => (200, "application/rss+xml", Fixture("rss.xml")),
            "/atom.xml" => (200, "application/atom+xml", Fixture("atom.xml")),
            _ => (404, "text/plain", "no such feed"),
        };
        var rss = new Uri(fake.Address, "/rss.xml").AbsoluteUri;
        var atom = new Uri(fake.Address, "/atom.xml").AbsoluteUri;
        var settings = new ConnectorSettings
        {
            Source = "rss",
            Organisation = "test-org",
            Targets = [rss, atom],
            Brands = { ["acme"] = "acme" },
            PollInterval = TimeSpan.FromSeconds(1),
        };
        // A connector that last stopped on 2026-12-02: the story of 1 December was committed then.
        var cursors = new InMemoryCursors();
        var positions = JsonSerializer.Serialize(new Dictionary<string, string> { [rss] = "2026-12-02T00:00:00.0000000Z", [atom] = "2026-12-02T00:00:00.0000000Z" });
        await cursors.SaveAsync("spec", "rss", "test-org", positions, default, DateTimeOffset.UtcNow, null, null, CancellationToken.None);
        return (fake, settings, cursors);
    }

    [Test]
    public async Task Rss_and_atom_items_naming_a_brand_become_mentions_of_the_outlet()
    {
        var (fake, settings, cursors) = await StartAsync();
        await using var _ = fake;
        await using var connector = new ConnectorHarness(settings, cursors: cursors);

        var stored = await Eventually.ReturnsAsync(() => connector.Intake.Stored, s => s.Count == 2, because: "one story per feed naming Acme");

        var rss = stored["news:quotidien-2026-12-07-0001:acme"];
        Assert.That(rss.Text, Is.EqualTo("Acme : les retards de livraison s'accumulent\nDes clients d'Acme attendent leur colis depuis trois semaines."));
        Assert.That(rss.Author!.Handle, Is.EqualTo("127.0.0.1"), "the outlet, by the feed's host");
        Assert.That(rss.Language, Is.EqualTo("fr-FR"));
        Assert.That(rss.Url, Is.EqualTo("https://quotidien.example/economie/acme-retards"));
        Assert.That(rss.PublishedAt, Is.EqualTo("2026-12-07T08:30:00.0000000Z"));
        var atom = stored["news:tag:retailwire.example,2026-12-07:/acme-delays:acme"];
        Assert.That(atom.Url, Is.EqualTo(new Uri(fake.Address, "/2026/12/07/acme-delays").AbsoluteUri), "a relative link is made absolute against the feed");
        Assert.That(atom.Author!.DisplayName, Is.EqualTo("Sam Reporter"));
        Assert.That(atom.PublishedAt, Is.EqualTo("2026-12-07T08:45:00.0000000Z"));
        Assert.That(stored.Keys, Has.None.Contains("quotidien-2026-12-01-0042"), "a story older than the stored position is not read again");
        await Eventually.ReturnsAsync(() => connector.Cursors.Current!.Malformed, n => n >= 1);
        Assert.That(connector.Log.Lines, Has.Some.Contains("malformed news item").And.Some.Contains("Acme sans date"));
    }

    [Test]
    public async Task Polling_again_stores_nothing_twice_and_a_429_is_waited_out()
    {
        var (fake, settings, cursors) = await StartAsync();
        await using var _ = fake;
        await using var connector = new ConnectorHarness(settings, cursors: cursors);
        await Eventually.ReturnsAsync(() => connector.Intake.Stored.Count, n => n == 2);
        fake.RefuseNext(1);

        await Eventually.ReturnsAsync(() => fake.Requests.Count, n => n >= 6, TimeSpan.FromSeconds(20), because: "three polls of both feeds");

        Assert.That(connector.Intake.Stored, Has.Count.EqualTo(2));
        var refused = fake.Refusals.Single();
        var next = fake.Requests.Select(r => r.At).Where(at => at > refused).Min();
        Assert.That(next - refused, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)), "Retry-After: 2");
        var positions = JsonSerializer.Deserialize<Dictionary<string, string>>(connector.Cursors.Current!.Position!)!;
        Assert.That(positions.Values, Is.EquivalentTo(new[] { "2026-12-07T08:30:00.0000000Z", "2026-12-07T08:45:00.0000000Z" }));
    }
}
