using System.Net;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Desk;

public class When_the_desk_answers_from_templates : DeskSpec
{
    private const string Brand = "desktpl";
    private const string Lead = "incident-lead";
    private string run = "";

    [SetUp]
    public Task RegisterBrandAsync()
    {
        run = Guid.NewGuid().ToString("N")[..8];
        return RegisterAsync(Brand);
    }

    private async Task<string> QueuedAndClaimedAsync(string brand = Brand)
    {
        await IngestAsync(Working, Post(brand, $"t1-{run}", "Pourquoi ma commande est-elle bloquée ?", handle: "amina_dz"));
        var id = (await EventuallyQueuedAsync(brand, 1))[0].GetProperty("conversationId").GetString()!;
        var (claimed, body) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { });
        Assert.That(claimed.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return id;
    }

    private static string SentText(string conversationId) =>
        JsonDocument.Parse(Receivers.Received.Single(r => r.Path.StartsWith("/publish/", StringComparison.Ordinal) && r.Body.Contains(conversationId, StringComparison.Ordinal)).Body)
            .RootElement.GetProperty("answer").GetProperty("text").GetString()!;

    [Test]
    public async Task A_lead_saves_a_template_and_a_responder_answers_with_it_filled_in()
    {
        var templateId = $"sorry-fr-{run}";
        var (saved, savedBody) = await SendAsync(HttpMethod.Put, $"/api/desk/templates/{templateId}",
            new { stage = "Apologise", language = "fr", text = "Bonjour {author}, {brand} s'excuse." }, roles: Lead);
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), savedBody.ToString());
        var id = await QueuedAndClaimedAsync();

        var (answered, answer) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers", new { templateId });

        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(SentText(id), Is.EqualTo("Bonjour @amina_dz, DESKTPL s'excuse."));
        var events = await SendAsync(HttpMethod.Get, $"/api/desk/conversations/{id}/events", roles: "viewer");
        var sent = events.Body.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "desk_answer_sent").GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(sent.GetProperty("templateId").GetString(), Is.EqualTo(templateId));
            Assert.That(sent.GetProperty("language").GetString(), Is.EqualTo("fr"), "the template's language when the answer names none");
        });
    }

    [Test]
    public async Task The_list_has_the_built_in_templates_and_the_organisations_own()
    {
        await SendAsync(HttpMethod.Put, $"/api/desk/templates/ack-ar-{run}", new { stage = "Acknowledge", language = "ar", text = "شكرًا {author}" }, roles: Lead);

        var (response, list) = await SendAsync(HttpMethod.Get, "/api/desk/templates?stage=Acknowledge&language=ar", roles: "viewer");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var ids = list.EnumerateArray().Select(t => t.GetProperty("templateId").GetString()).ToList();
        Assert.That(ids, Does.Contain("builtin-acknowledge-ar").And.Contain($"ack-ar-{run}"));
    }

    [Test]
    public async Task An_unknown_placeholder_is_refused_naming_the_text()
    {
        var (response, problem) = await SendAsync(HttpMethod.Put, $"/api/desk/templates/bad-{run}", new { stage = "Explain", language = "en", text = "Hi {customer}" }, roles: Lead);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), problem.ToString());
        Assert.That(problem.GetProperty("errors").GetProperty("text")[0].GetString(), Does.Contain("{customer}"));
    }

    [TestCase("stage", "Shout", HttpStatusCode.UnprocessableEntity)]
    [TestCase("language", "de", HttpStatusCode.UnprocessableEntity)]
    [TestCase("text", "bip\u0007", HttpStatusCode.UnprocessableEntity)]
    public async Task Hostile_template_fields_are_refused_naming_the_field(string field, string value, HttpStatusCode status)
    {
        var body = new Dictionary<string, object?> { ["stage"] = "Explain", ["language"] = "en", ["text"] = "Hello {author}", [field] = value };

        var (response, problem) = await SendAsync(HttpMethod.Put, $"/api/desk/templates/hostile-{run}", body, roles: Lead);

        Assert.That(response.StatusCode, Is.EqualTo(status), problem.ToString());
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task An_unknown_template_is_refused_naming_the_template_id_and_nothing_is_sent()
    {
        var id = await QueuedAndClaimedAsync();

        var (response, problem) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers", new { templateId = "no-such-template" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), problem.ToString());
        Assert.That(problem.GetProperty("errors").TryGetProperty("templateId", out _), Is.True, problem.ToString());
        Assert.That(Receivers.Received.Where(r => r.Body.Contains(id, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task An_explanation_without_a_published_statement_is_refused_and_an_edited_text_with_a_typo_names_the_text()
    {
        var id = await QueuedAndClaimedAsync();

        var (explain, explainProblem) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers", new { templateId = "builtin-explain-en" });
        var (typo, typoProblem) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers",
            new { templateId = "builtin-acknowledge-en", text = "Hello {autor}", language = "en" });

        Assert.Multiple(() =>
        {
            Assert.That(explain.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), explainProblem.ToString());
            Assert.That(explainProblem.GetProperty("errors").GetProperty("templateId")[0].GetString(), Does.Contain("{incident_link}"));
            Assert.That(typo.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), typoProblem.ToString());
            Assert.That(typoProblem.GetProperty("errors").GetProperty("text")[0].GetString(), Does.Contain("{autor}"));
        });
    }

    [Test]
    public async Task A_responder_may_not_write_templates()
    {
        var (response, _) = await SendAsync(HttpMethod.Put, $"/api/desk/templates/mine-{run}", new { stage = "Explain", language = "en", text = "Hello" }, roles: "responder");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Another_organisations_template_does_not_exist_for_the_caller()
    {
        const string attacker = "desk-tpl-attacker";
        var templateId = $"secret-{run}";
        await SendAsync(HttpMethod.Put, $"/api/desk/templates/{templateId}", new { stage = "Explain", language = "en", text = "Our secret line" }, roles: Lead);

        var (read, _) = await SendAsync(HttpMethod.Get, $"/api/desk/templates/{templateId}", organisation: attacker, roles: "admin");
        var (deleted, _) = await SendAsync(HttpMethod.Delete, $"/api/desk/templates/{templateId}", organisation: attacker, roles: "admin");
        var (list, listed) = await SendAsync(HttpMethod.Get, "/api/desk/templates", organisation: attacker, roles: "admin");
        // The same id in another organisation is that organisation's own template: it never touches ours.
        var (overwritten, _) = await SendAsync(HttpMethod.Put, $"/api/desk/templates/{templateId}", new { stage = "Explain", language = "en", text = "Hijacked" },
            organisation: attacker, roles: "admin");

        Assert.Multiple(() =>
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(listed.ToString(), Does.Not.Contain("Our secret line"));
            Assert.That(overwritten.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
        var (ours, ourTemplate) = await SendAsync(HttpMethod.Get, $"/api/desk/templates/{templateId}", roles: "viewer");
        Assert.That(ours.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ourTemplate.GetProperty("text").GetString(), Is.EqualTo("Our secret line"));
    }
}
