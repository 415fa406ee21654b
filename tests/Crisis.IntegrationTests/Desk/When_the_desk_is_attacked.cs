using System.Net;

namespace Crisis.IntegrationTests.Desk;

public class When_the_desk_is_attacked : DeskSpec
{
    private const string Brand = "deskvictim";
    private const string Attacker = "desk-attacker-org";

    [SetUp]
    public Task RegisterBrandAsync() => RegisterAsync(Brand);

    private static async Task<string> QueuedAsync()
    {
        // A fresh post id per test: a conversation's id follows from its first post, and the receivers keep every call of the run.
        await IngestAsync(Working, Post(Brand, $"v1-{Guid.NewGuid():N}", "Pourquoi mon colis est-il perdu ?"));
        return (await EventuallyQueuedAsync(Brand, 1))[0].GetProperty("conversationId").GetString()!;
    }

    [Test]
    public async Task Another_organisations_conversation_does_not_exist_for_the_caller()
    {
        var id = await QueuedAsync();

        var reads = new[]
        {
            await SendAsync(HttpMethod.Get, $"/api/desk/conversations/{id}", organisation: Attacker, roles: "admin"),
            await SendAsync(HttpMethod.Get, $"/api/desk/conversations/{id}/events", organisation: Attacker, roles: "admin"),
            await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { }, organisation: Attacker, roles: "admin"),
            await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers", new { text = "hi", language = "en" }, organisation: Attacker, roles: "admin"),
            await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/no-answer-needed", new { reason = "x" }, organisation: Attacker, roles: "admin"),
            await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/handovers/h1/outcome", new { outcome = "Resolved" }, organisation: Attacker, roles: "admin"),
        };

        foreach (var (response, problem) in reads)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), response.RequestMessage!.RequestUri!.ToString());
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("does not exist"));
        }
        Assert.That((await QueueAsync("", Attacker)).GetArrayLength(), Is.Zero);
        Assert.That(await EventTypesAsync(id), Is.EqualTo(new[] { "desk_conversation_opened", "desk_mention_joined_conversation" }), "nothing was recorded");
    }

    [Test]
    public async Task A_claim_with_an_if_match_is_still_a_404_for_another_organisation_and_a_409_when_stale()
    {
        var id = await QueuedAsync();

        async Task<HttpStatusCode> ClaimAsync(string organisation, string ifMatch)
        {
            using var client = Desk.ClientFor(organisation, "mallory", "responder");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/desk/conversations/{id}/claim", UriKind.Relative))
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { }),
            };
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        var otherWrongVersion = await ClaimAsync(Attacker, "\"1\"");
        var otherRightVersion = await ClaimAsync(Attacker, "\"2\"");
        var stale = await ClaimAsync(Working, "\"1\"");
        Assert.Multiple(() =>
        {
            Assert.That(otherWrongVersion, Is.EqualTo(HttpStatusCode.NotFound), "a wrong version must not reveal the conversation exists");
            Assert.That(otherRightVersion, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(stale, Is.EqualTo(HttpStatusCode.Conflict), "the conversation is at version 2");
        });
        Assert.That(await ClaimAsync(Working, "\"2\""), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_viewer_reads_the_queue_but_may_not_claim()
    {
        var id = await QueuedAsync();

        var (response, _) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { }, roles: "viewer");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("text", "hello\u0007there", "control")]
    [TestCase("language", "fr; DROP", "must be 1 to 128 characters")]
    public async Task Hostile_answer_fields_are_refused_naming_the_field(string field, string value, string reason)
    {
        var id = await QueuedAsync();
        await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { });
        var body = new Dictionary<string, object?> { ["text"] = "Bonjour", ["language"] = "fr", [field] = value };

        var (response, problem) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), problem.ToString());
        Assert.That(problem.GetProperty("errors").GetProperty(field)[0].GetString(), Does.Contain(reason), problem.ToString());
    }

    [Test]
    public async Task An_oversize_answer_is_refused_and_nothing_leaves_the_desk()
    {
        var id = await QueuedAsync();
        await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { });

        var (response, problem) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers", new { text = new string('a', 5_001), language = "fr" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), problem.ToString());
        Assert.That(Receivers.Received.Where(r => r.Body.Contains(id, StringComparison.Ordinal)), Is.Empty);
    }

    [TestCase("?limit=0", "limit")]
    [TestCase("?limit=100000", "limit")]
    [TestCase("?offset=-1", "offset")]
    public async Task Queue_paging_out_of_bounds_is_refused_naming_the_parameter(string query, string field)
    {
        var (response, problem) = await SendAsync(HttpMethod.Get, $"/api/desk/queue{query}", roles: "viewer");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), problem.ToString());
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task A_claim_longer_than_two_hours_is_refused()
    {
        var id = await QueuedAsync();

        var (response, problem) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { minutes = 100_000 });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), problem.ToString());
        Assert.That(problem.GetProperty("errors").TryGetProperty("minutes", out _), Is.True, problem.ToString());
    }
}
