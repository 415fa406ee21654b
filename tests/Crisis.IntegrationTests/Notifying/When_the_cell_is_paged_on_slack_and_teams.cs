using System.Text.Json;
using Crisis.IntegrationTests.Incidents;

namespace Crisis.IntegrationTests.Notifying;

/// <summary>
/// The roster routes level 1 to a Slack-compatible and a Teams-compatible incoming webhook (served by the loopback
/// receiver): each says what is happening, how bad, the top evidence, the next playbook step and how to acknowledge.
/// </summary>
public class When_the_cell_is_paged_on_slack_and_teams : NotificationSpec
{
    [Test]
    public async Task The_slack_message_carries_the_page_in_text_and_blocks()
    {
        var incidentId = await OpenIncidentAsync(NotificationReceivers.ChatOrganisation, "slack");
        var brand = (await IncidentApi.GetAsync($"/api/incidents/{incidentId}", OrganisationOf[incidentId]))!.Value.GetProperty("brandId").GetString()!;

        var call = await WebhookAsync("/slack/lina", incidentId, "lina's Slack webhook");

        using var body = JsonDocument.Parse(call.Body);
        var blocks = body.RootElement.GetProperty("blocks").EnumerateArray().ToList();
        var texts = blocks.SelectMany(Texts).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(call.Header("Content-Type"), Does.StartWith("application/json"));
            Assert.That(call.Header("X-Crisis-Signature"), Is.Null, "Slack webhooks carry no secret: nothing to sign with");
            Assert.That(body.RootElement.GetProperty("text").GetString(), Is.EqualTo($"[Crisis L1] {brand.ToUpperInvariant()}: severity 8/10 - Bad buzz on {brand.ToUpperInvariant()}"),
                "the notification text says what is happening, naming the brand by its registered name");
            Assert.That(blocks[0].GetProperty("type").GetString(), Is.EqualTo("header"));
            Assert.That(texts, Does.Contain("*Severity*\n8/10"));
            Assert.That(texts, Does.Contain("*Evidence*\n420 mentions, 83% negative"));
            Assert.That(texts, Does.Contain($"> {ArabicExcerpt}"), "the most-followed negative post, quoted as written");
            Assert.That(texts, Does.Contain("@angry_traveller (120,000 followers, x)"));
            Assert.That(texts.IndexOf($"> {ArabicExcerpt}"), Is.LessThan(texts.IndexOf("> Valise perdue, service client injoignable")), "posts by reach");
            Assert.That(texts.Any(t => t.StartsWith("*Next step: Respond, due ", StringComparison.Ordinal)), Is.True, "the next playbook step");
            Assert.That(texts, Does.Contain($"Acknowledge: POST http://crisis.test/api/incidents/{incidentId}/acknowledge"));
        });
        await SentOnAsync(incidentId, "slack");
    }

    [Test]
    public async Task The_teams_card_carries_the_page_as_facts_and_an_acknowledge_action()
    {
        var incidentId = await OpenIncidentAsync(NotificationReceivers.ChatOrganisation, "teams");

        var call = await WebhookAsync("/teams/lina", incidentId, "lina's Teams webhook");

        using var body = JsonDocument.Parse(call.Body);
        var card = body.RootElement;
        var sections = card.GetProperty("sections").EnumerateArray().ToList();
        var facts = sections[0].GetProperty("facts").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString()!);
        var action = card.GetProperty("potentialAction")[0];
        Assert.Multiple(() =>
        {
            Assert.That(card.GetProperty("@type").GetString(), Is.EqualTo("MessageCard"));
            Assert.That(card.GetProperty("summary").GetString(), Does.StartWith("[Crisis L1] "), "what is happening, in the notification");
            Assert.That(card.GetProperty("themeColor").GetString(), Is.EqualTo("B00020"), "severity 8 shows red");
            Assert.That(facts["Severity"], Is.EqualTo("8/10"));
            Assert.That(facts["Evidence"], Is.EqualTo("420 mentions, 83% negative"));
            Assert.That(facts["Next step"], Does.StartWith("Next step: Respond, due "));
            Assert.That(sections[1].GetProperty("activityTitle").GetString(), Is.EqualTo("@angry_traveller (120,000 followers, x)"));
            Assert.That(sections[1].GetProperty("text").GetString(), Is.EqualTo(ArabicExcerpt));
            Assert.That(action.GetProperty("@type").GetString(), Is.EqualTo("HttpPOST"));
            Assert.That(action.GetProperty("name").GetString(), Is.EqualTo("Acknowledge"));
            Assert.That(action.GetProperty("target").GetString(), Is.EqualTo($"http://crisis.test/api/incidents/{incidentId}/acknowledge"));
        });
        await SentOnAsync(incidentId, "teams");
    }

    private static async Task SentOnAsync(string incidentId, string endpoint)
    {
        var timeline = await EventuallyTimelineAsync(incidentId, t => t.Count(e => e.Type == "incident_notification_sent") == 2, "both chat deliveries recorded");
        Assert.That(timeline.Where(e => e.Type == "incident_notification_sent").Select(Endpoint), Does.Contain(endpoint));
    }

    /// <summary>Every text a Slack block shows: its own, its fields', its context elements'.</summary>
    private static IEnumerable<string> Texts(JsonElement block)
    {
        if (block.TryGetProperty("text", out var text)) yield return text.GetProperty("text").GetString()!;
        foreach (var name in new[] { "fields", "elements" })
            if (block.TryGetProperty(name, out var items))
                foreach (var item in items.EnumerateArray()) yield return item.GetProperty("text").GetString()!;
    }
}
