using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.Contracts.Buzz;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.IntegrationTests.Incidents;
using Crisis.IntegrationTests.Running;
using Crisis.ServiceDefaults.Security.Authorizing;
using MassTransit;
using static Crisis.IntegrationTests.Running.SyntheticMentions;

namespace Crisis.IntegrationTests.Securing;

/// <summary>
/// The attacker is an admin (and so an incident lead) of organisation B, "attacker-org", with a brand of its own; the
/// victim is organisation A, test-org (the host's default client). Each test is one way B could reach into A.
/// </summary>
public class When_another_organisation_attacks : IntegrationSpec
{
    private const string Attacker = "attacker-org";
    private static readonly DateTimeOffset Recent = DateTimeOffset.UtcNow.AddMinutes(-30);

    private IBusControl bus = null!;
    private HttpClient attacker = null!;
    private string ourBrand = null!;
    private string theirBrand = null!;

    [OneTimeSetUp]
    public async Task ConnectAsync()
    {
        bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestServers.RabbitMq));
        await bus.StartAsync();
    }

    [OneTimeTearDown]
    public Task DisconnectAsync() => bus.StopAsync();

    [SetUp]
    public async Task BothOrganisationsHaveABrandAsync()
    {
        // Brands of their own per test, so a late page of another test cannot count.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        ourBrand = $"victim{suffix}";
        theirBrand = $"squatter{suffix}";
        attacker = Host.ClientFor(Attacker, "mallory");
        await RegisterBrandAsync(ourBrand);
        using var registered = await attacker.PostAsJsonAsync("/api/brands", new { id = theirBrand, name = "Squatter" });
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
    }

    [TearDown]
    public void Dispose() => attacker.Dispose();

    [Test]
    public async Task Taking_the_id_of_our_next_buzz_incident_is_refused_and_our_buzz_still_opens_our_incident()
    {
        var episode = $"{ourBrand}/ep1";
        var ourNextIncident = IncidentIds.ForEpisode(ourBrand, episode, 0);

        using var squat = await attacker.PostAsJsonAsync("/api/incidents", new { id = ourNextIncident, brandId = theirBrand, title = "Squatted", severity = 5 });
        var problem = JsonDocument.Parse(await squat.Content.ReadAsStringAsync()).RootElement;
        Assert.That(squat.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(problem.GetProperty("errors").TryGetProperty("id", out _), Is.True, $"ids are assigned by the server: {problem}");

        await bus.Publish(Page(ourBrand, episode, $"{episode}/EpisodeStart/1", severity: 7));
        var ours = await IncidentApi.EventuallyListAsync(ourBrand, list => list.GetArrayLength() >= 1, "our page to open our incident");
        Assert.Multiple(() =>
        {
            Assert.That(ours.GetArrayLength(), Is.EqualTo(1));
            Assert.That(ours[0].GetProperty("incidentId").GetString(), Is.EqualTo(ourNextIncident));
            Assert.That(ours[0].GetProperty("title").GetString(), Does.Not.Contain("Squatted"));
        });
        using var peek = await attacker.GetAsync(new Uri($"/api/incidents/{ourNextIncident}", UriKind.Relative));
        Assert.That(peek.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "and they cannot see it");
    }

    [Test]
    public async Task An_incident_opened_by_hand_gets_a_server_assigned_id_no_buzz_incident_can_have()
    {
        using var opened = await attacker.PostAsJsonAsync("/api/incidents", new { brandId = theirBrand, title = "By hand", severity = 5 });
        var body = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("incidentId").GetString()!;

        Assert.Multiple(() =>
        {
            Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(opened.Headers.Location?.ToString(), Is.EqualTo($"/api/incidents/{id}"), "the new id is in Location");
            Assert.That(id, Does.Match($"^{theirBrand}-m[0-9a-f]{{12}}$"), "'-m' sets it apart from any episode's id ('-' and 12 hex digits)");
        });
    }

    [Test]
    public async Task Their_copy_of_a_public_post_neither_stops_ours_nor_tells_them_we_hold_it()
    {
        // They record a post first: ours, of the same post, still counts for our brand.
        var theirsFirst = await PostMentionsAsync(attacker, Mention(theirBrand, "public-1", Recent));
        var oursAfter = await PostMentionsAsync(Host.Http, Mention(ourBrand, "public-1", Recent));
        // We record a post first: theirs of the same post answers exactly as for a post nobody holds (no probing).
        var oursFirst = await PostMentionsAsync(Host.Http, Mention(ourBrand, "public-2", Recent));
        var theirProbe = await PostMentionsAsync(attacker, Mention(theirBrand, "public-2", Recent));
        // Their own resend is still theirs to be told about.
        var theirResend = await PostMentionsAsync(attacker, Mention(theirBrand, "public-1", Recent));

        Assert.Multiple(() =>
        {
            Assert.That(theirsFirst, Is.EqualTo((1, 0)));
            Assert.That(oursAfter, Is.EqualTo((1, 0)), "our brand's mention is recorded although theirs came first");
            Assert.That(oursFirst, Is.EqualTo((1, 0)));
            Assert.That(theirProbe, Is.EqualTo((1, 0)), "no 'duplicate' reveals that we hold the post");
            Assert.That(theirResend, Is.EqualTo((0, 1)), "a duplicate within their own brand");
        });
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(4), "each brand's copy is in the events once");
        Assert.That(await MentionKeysAsync(), Is.EqualTo(4));
    }

    [Test]
    public async Task A_post_mentioning_two_of_our_brands_counts_for_each()
    {
        var secondBrand = ourBrand + "-two";
        await RegisterBrandAsync(secondBrand);

        var first = await PostMentionsAsync(Host.Http, Mention(ourBrand, "both-1", Recent), Mention(secondBrand, "both-1", Recent));
        var again = await PostMentionsAsync(Host.Http, Mention(ourBrand, "both-1", Recent), Mention(secondBrand, "both-1", Recent));

        Assert.That(first, Is.EqualTo((2, 0)), "one post, two brands, two mentions");
        Assert.That(again, Is.EqualTo((0, 2)));
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(2));
    }

    [TestCase(Attacker, TestTokens.Organisation)]
    [TestCase(TestTokens.Organisation, Attacker)]
    public async Task A_token_naming_several_organisations_is_refused(string first, string second)
    {
        using var client = Host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.IssueRaw(
            new Dictionary<string, object> { ["name"] = "mallory", ["org"] = new[] { first, second }, ["role"] = new[] { "admin" } }));

        using var read = await client.GetAsync(new Uri("/api/brands", UriKind.Relative));
        var text = await read.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(read.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), Does.Contain("several organisations"));
            Assert.That(text, Does.Not.Contain(ourBrand));
        });
    }

    [Test]
    public async Task Their_admin_is_refused_the_host_wide_metrics_an_operator_reads()
    {
        using var theirs = await attacker.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var ourAdmin = await Host.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var operatorClient = Host.ClientFor("ops", "prometheus", CrisisRoles.Operator);
        using var scraped = await operatorClient.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var operatorReadsData = await operatorClient.GetAsync(new Uri("/api/incidents", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(theirs.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "an organisation's admin sees no other organisation's counts");
            Assert.That(ourAdmin.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(scraped.StatusCode, Is.EqualTo(HttpStatusCode.OK), "operators scrape");
            Assert.That(operatorReadsData.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the operator role reads no organisation's data");
        });
    }

    private static async Task<(int Accepted, int Duplicate)> PostMentionsAsync(HttpClient client, params object[] mentions)
    {
        using var response = await client.PostAsync(new Uri("/api/mentions", UriKind.Relative), new StringContent(Ndjson(mentions)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), text);
        var body = JsonDocument.Parse(text).RootElement;
        return (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicate").GetInt32());
    }

    private static BuzzEscalated Page(string brand, string episode, string escalation, int severity)
    {
        var detectedAt = DateTimeOffset.UtcNow.AddMinutes(-2);
        return new BuzzEscalated
        {
            EscalationId = escalation,
            BrandId = brand,
            EpisodeId = episode,
            Kind = "EpisodeStart",
            Phase = "Crisis",
            Severity = severity,
            AnomalyScore = 7.5,
            OnsetAt = detectedAt.AddHours(-1),
            BucketAt = detectedAt.AddMinutes(-5),
            DetectedAt = detectedAt,
            Evidence = new BuzzEvidenceSummary
            {
                Mentions = 420,
                ExpectedMentions = 12.5,
                NegativeShare = 0.83,
                TopNegativePosts = [],
                TopTerms = ["refund"],
                Languages = new Dictionary<string, long> { ["en"] = 420 },
            },
        };
    }
}
