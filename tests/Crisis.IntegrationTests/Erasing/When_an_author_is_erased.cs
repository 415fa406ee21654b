using System.Net;
using System.Net.Http.Json;
using Crisis.Contracts.Buzz;
using Crisis.IntegrationTests.Incidents;
using Crisis.IntegrationTests.Running;
using MassTransit;

namespace Crisis.IntegrationTests.Erasing;

/// <summary>An author of the public asks to be forgotten: nothing readable of them may remain anywhere in the store.</summary>
[NonParallelizable]
public class When_an_author_is_erased : IntegrationSpec
{
    private const string Handle = "@Victim_Q";
    private const string Words = "QWERTY7 my bag was lost twice";
    private const string DisplayName = "Vicky Quill";
    private IBusControl bus = null!;

    [OneTimeSetUp]
    public async Task ConnectAsync()
    {
        bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestServers.RabbitMq));
        await bus.StartAsync();
    }

    [OneTimeTearDown]
    public Task DisconnectAsync() => bus.StopAsync();


    /// <summary>Rows of every table of the store's schema whose text (all columns) contains <paramref name="needle"/>.</summary>
    private static async Task<long> RowsContainingAsync(string needle)
    {
        var tables = new List<string>();
        await using (var list = Database.CreateCommand($"SELECT tablename FROM pg_tables WHERE schemaname = '{Schema}'"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        long rows = 0;
        foreach (var table in tables)
        {
            await using var count = Database.CreateCommand($"SELECT count(*) FROM \"{Schema}\".\"{table}\" t WHERE strpos(lower(t::text), lower($1)) > 0");
            count.Parameters.Add(new Npgsql.NpgsqlParameter { Value = needle });
            rows += (long)(await count.ExecuteScalarAsync())!;
        }
        return rows;
    }

    [Test]
    public async Task Nothing_readable_of_them_remains_and_everyone_else_stays()
    {
        var brand = $"erase{Guid.NewGuid().ToString("N")[..8]}";
        await RegisterBrandAsync(brand);
        var now = DateTimeOffset.UtcNow;
        var victim = SyntheticMentions.Mention(brand, "v1", now.AddMinutes(-30));
        victim["author"] = new Dictionary<string, object?> { ["handle"] = Handle, ["displayName"] = DisplayName, ["followers"] = 5000 };
        victim["text"] = Words;
        victim["url"] = "https://x.example/victim_q/status/v1";
        var bystander = SyntheticMentions.Mention(brand, "b1", now.AddMinutes(-29));
        bystander["author"] = new Dictionary<string, object?> { ["handle"] = "@bystander", ["followers"] = 10 };
        bystander["text"] = "Bystander says the queue was long";
        using (var response = await Host.Http.PostAsJsonAsync("/api/mentions", new[] { victim, bystander }))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        }
        // The detector quoted them as evidence: the page opens an incident whose events and read models copy it.
        await bus.Publish(new BuzzEscalated
        {
            EscalationId = $"{brand}/ep1/EpisodeStart/1", BrandId = brand, EpisodeId = $"{brand}/ep1", Kind = "EpisodeStart", Phase = "Crisis",
            Severity = 8, AnomalyScore = 7, OnsetAt = now.AddMinutes(-35), BucketAt = now.AddMinutes(-6), DetectedAt = now.AddMinutes(-5),
            Evidence = new BuzzEvidenceSummary
            {
                Mentions = 2, ExpectedMentions = 0.5, NegativeShare = 1, TopTerms = ["bag"], Languages = new Dictionary<string, long> { ["en"] = 2 },
                TopNegativePosts = [new EvidencePost("x", "v1", Handle, 5000, "en", Words), new EvidencePost("x", "b1", "@bystander", 10, "en", "Bystander says the queue was long")],
            },
        });
        var incidents = await IncidentApi.EventuallyListAsync(brand, list => list.GetArrayLength() == 1, "the page to open an incident");
        var incidentId = incidents[0].GetProperty("incidentId").GetString()!;
        Assert.That(await RowsContainingAsync(Words), Is.GreaterThanOrEqualTo(3), "the mention, the incident event and its read models hold the words");

        var exit = await RunCliAsync("authors", "erase", "--platform", "twitter", "--handle", "victim_q");

        Assert.That(exit, Is.EqualTo(0));
        var handles = await RowsContainingAsync("victim_q");
        var words = await RowsContainingAsync(Words);
        var names = await RowsContainingAsync(DisplayName);
        var others = await RowsContainingAsync("Bystander says the queue was long");
        var timeline = await Host.Http.GetStringAsync(new Uri($"/api/incidents/{incidentId}/timeline", UriKind.Relative));
        var report = await Host.Http.GetStringAsync(new Uri($"/api/incidents/{incidentId}/report", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(handles, Is.Zero, "the handle (and the URL naming it)");
            Assert.That(words, Is.Zero, "what they wrote");
            Assert.That(names, Is.Zero, "their display name");
            Assert.That(others, Is.GreaterThanOrEqualTo(3), "other authors are untouched");
            Assert.That(timeline, Does.Not.Contain(Words).And.Contain("[erased]").And.Contain("erased-"));
            Assert.That(report, Does.Not.Contain(Words).And.Not.Contain("Victim_Q"));
        });
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(2), "the mention still counts in the brand's curve, as a pseudonym");
    }

    [Test]
    public async Task An_unknown_platform_is_refused_with_a_message()
    {
        Assert.That(await RunCliAsync("authors", "erase", "--platform", "myspace", "--handle", "someone"), Is.Not.EqualTo(0));
    }
}
