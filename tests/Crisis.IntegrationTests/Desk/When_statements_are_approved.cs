using System.Net;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Desk;

/// <summary>Statements, an explanation pointing at the published one, and the desk's figures in the post-mortem, through HTTP.</summary>
public class When_statements_are_approved : DeskSpec
{
    private const string Lead = "incident-lead";
    private string brand = "";

    [SetUp]
    public Task RegisterBrandAsync()
    {
        // A brand per test: an open incident puts every post of its brand in the queue.
        brand = $"deskst{Guid.NewGuid():N}"[..14];
        return RegisterAsync(brand);
    }

    private async Task<string> OpenIncidentAsync()
    {
        var (response, body) = await SendAsync(HttpMethod.Post, "/api/incidents", new { brandId = brand, title = "Colis perdus", severity = 6 }, roles: Lead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return body.GetProperty("incidentId").GetString()!;
    }

    private static async Task<string[]> TimelineTypesAsync(string incidentId)
    {
        var (_, timeline) = await SendAsync(HttpMethod.Get, $"/api/incidents/{incidentId}/timeline", roles: "viewer");
        return [.. timeline.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];
    }

    [Test]
    public async Task A_statement_is_drafted_edited_approved_by_a_lead_and_published_and_the_timeline_shows_each_step()
    {
        var incident = await OpenIncidentAsync();
        var path = $"/api/incidents/{incident}/statements";

        var (drafted, draftBody) = await SendAsync(HttpMethod.Post, path, new { statementId = "st1", channel = "website", text = "Nous enquêtons.", language = "fr" });
        var (edited, _) = await SendAsync(HttpMethod.Post, $"{path}/st1/edits", new { text = "Nous enquêtons et vous tenons informés." });
        var (tooEarly, tooEarlyProblem) = await SendAsync(HttpMethod.Post, $"{path}/st1/publication", new { url = "https://acme.example/s1", publishedAt = DateTimeOffset.UtcNow });
        var (byResponder, _) = await SendAsync(HttpMethod.Post, $"{path}/st1/approval", new { revision = 2 });
        var (stale, staleProblem) = await SendAsync(HttpMethod.Post, $"{path}/st1/approval", new { revision = 1 }, name: "lena", roles: Lead);
        var (approved, _) = await SendAsync(HttpMethod.Post, $"{path}/st1/approval", new { revision = 2 }, name: "lena", roles: Lead);
        var (published, publishedBody) = await SendAsync(HttpMethod.Post, $"{path}/st1/publication", new { url = "https://acme.example/s1", publishedAt = DateTimeOffset.UtcNow.AddMinutes(-1) });

        Assert.Multiple(() =>
        {
            Assert.That(drafted.StatusCode, Is.EqualTo(HttpStatusCode.OK), draftBody.ToString());
            Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(tooEarly.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), tooEarlyProblem.ToString());
            Assert.That(byResponder.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a responder cannot approve");
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), staleProblem.ToString());
            Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK), publishedBody.ToString());
        });
        Assert.That(await TimelineTypesAsync(incident), Is.SupersetOf(new[]
        {
            "incident_statement_drafted", "incident_statement_edited", "incident_statement_approved", "incident_statement_published", "incident_public_response_recorded",
        }));
        var (_, statements) = await SendAsync(HttpMethod.Get, path, roles: "viewer");
        Assert.That(statements[0].GetProperty("approvedBy").GetString(), Is.EqualTo("lena"));
    }

    [Test]
    public async Task Another_organisation_can_neither_see_nor_approve_a_statement()
    {
        var incident = await OpenIncidentAsync();
        var path = $"/api/incidents/{incident}/statements";
        await SendAsync(HttpMethod.Post, path, new { statementId = "st1", channel = "website", text = "Nous enquêtons.", language = "fr" });

        var attempts = new[]
        {
            await SendAsync(HttpMethod.Get, path, organisation: "desk-st-attacker", roles: "admin"),
            await SendAsync(HttpMethod.Post, path, new { statementId = "st2", channel = "x", text = "Faux", language = "fr" }, organisation: "desk-st-attacker", roles: "admin"),
            await SendAsync(HttpMethod.Post, $"{path}/st1/edits", new { text = "Faux" }, organisation: "desk-st-attacker", roles: "admin"),
            await SendAsync(HttpMethod.Post, $"{path}/st1/approval", new { revision = 1 }, organisation: "desk-st-attacker", roles: "admin"),
            await SendAsync(HttpMethod.Post, $"{path}/st1/publication", new { url = "https://evil.example", publishedAt = DateTimeOffset.UtcNow }, organisation: "desk-st-attacker", roles: "admin"),
        };

        foreach (var (response, problem) in attempts)
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{response.RequestMessage!.RequestUri}: {problem}");
        Assert.That(await TimelineTypesAsync(incident), Has.Exactly(1).EqualTo("incident_statement_drafted"));
    }

    [TestCase("text", "\u0007", HttpStatusCode.UnprocessableEntity)]
    [TestCase("language", "fr; DROP", HttpStatusCode.UnprocessableEntity)]
    public async Task Hostile_statement_fields_are_refused_naming_the_field(string field, string value, HttpStatusCode status)
    {
        var incident = await OpenIncidentAsync();
        var body = new Dictionary<string, object?> { ["channel"] = "website", ["text"] = "Nous enquêtons.", ["language"] = "fr", [field] = value };

        var (response, problem) = await SendAsync(HttpMethod.Post, $"/api/incidents/{incident}/statements", body);

        Assert.That(response.StatusCode, Is.EqualTo(status), problem.ToString());
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task An_explanation_links_the_published_statement_and_the_post_mortem_shows_the_desk()
    {
        var incident = await OpenIncidentAsync();
        var path = $"/api/incidents/{incident}/statements";
        await SendAsync(HttpMethod.Post, path, new { statementId = "st1", channel = "website", text = "Nous enquêtons.", language = "fr" });
        await SendAsync(HttpMethod.Post, $"{path}/st1/approval", new { revision = 1 }, name: "lena", roles: Lead);
        await SendAsync(HttpMethod.Post, $"{path}/st1/publication", new { url = "https://acme.example/s1", publishedAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        // The brand has an open incident: every post of its cascade enters the queue, attributed to it.
        await IngestAsync(Working, Post(brand, $"cascade-{Guid.NewGuid():N}", "C'est la honte", handle: "karim_dz"));
        var id = (await EventuallyQueuedAsync(brand, 1))[0].GetProperty("conversationId").GetString()!;
        await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { });

        var (answered, answer) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers", new { templateId = "builtin-explain-fr" });

        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var sent = Receivers.Received.Single(r => r.Path.StartsWith("/publish/", StringComparison.Ordinal) && r.Body.Contains(id, StringComparison.Ordinal));
        Assert.That(JsonDocument.Parse(sent.Body).RootElement.GetProperty("answer").GetProperty("text").GetString(), Does.EndWith(": https://acme.example/s1"));
        using var client = Desk.ClientFor(Working, "viewer-1", "viewer");
        var report = await client.GetStringAsync(new Uri($"/api/incidents/{incident}/report", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(report, Does.Contain("Response desk: people answered"));
            Assert.That(report, Does.Contain("<th dir=\"auto\">All</th><td>1</td><td>100%</td>"));
            Assert.That(report, Does.Contain("Statement approved"));
        });
    }
}
