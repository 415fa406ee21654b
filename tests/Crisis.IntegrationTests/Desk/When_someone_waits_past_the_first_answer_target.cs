using System.Globalization;
using System.Text.Json;
using Crisis.CrisisCell.Notifying.Channels;
using Crisis.IntegrationTests.Notifying;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Desk;

public class When_someone_waits_past_the_first_answer_target : DeskSpec
{
    private const string Org = NotificationReceivers.DeskServiceLevelOrganisation;

    /// <summary>The on-call webhooks every host of the run warns through (the timeouts fire on whichever node takes them).</summary>
    private static List<ReceivedWebhook> WarningsTo(string who, string conversationId) =>
        [.. IntegrationSetup.Receivers.Webhooks.Received.Where(r => r.Path == $"/hooks/desk-{who}" && r.Body.Contains(conversationId, StringComparison.Ordinal))];

    private static async Task<int> BreachesOfAsync(string id)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, $"/api/desk/conversations/{id}/events", organisation: Org, roles: "viewer");
        response.Dispose();
        return body.EnumerateArray().Count(e => e.GetProperty("type").GetString() == "desk_first_answer_target_breached");
    }

    [Test]
    public async Task The_lead_gets_one_grouped_warning_and_the_owner_hears_of_the_conversation_he_claimed()
    {
        var brand = $"sla{Guid.NewGuid():N}"[..12];
        await RegisterAsync(brand, Org);
        var run = Guid.NewGuid().ToString("N")[..8];
        var fresh = Post(brand, $"fresh-{run}", "Pourquoi personne ne répond ?", handle: "late_one");
        // Published now: its one-minute target is still ahead when it is claimed.
        fresh["publishedAt"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        // The other two were published five minutes ago: past the target as soon as they are queued, in one round.
        await IngestAsync(Org, Post(brand, $"old1-{run}", "Pourquoi ce retard ?", handle: "first_one"), Post(brand, $"old2-{run}", "Comment vous joindre ?", handle: "second_one"), fresh);
        var queue = await EventuallyQueuedAsync(brand, 3, Org);
        // The queue shows pseudonyms; each post's words tell the three apart.
        var byText = new Dictionary<string, string> { ["Pourquoi personne ne répond ?"] = "late_one", ["Pourquoi ce retard ?"] = "first_one", ["Comment vous joindre ?"] = "second_one" };
        var ids = queue.EnumerateArray().ToDictionary(c => byText[c.GetProperty("latestText").GetString()!], c => c.GetProperty("conversationId").GetString()!);
        var (claimed, claimBody) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{ids["late_one"]}/claim", new { minutes = 10 }, organisation: Org, name: "sam");
        Assert.That(claimed.IsSuccessStatusCode, Is.True, claimBody.ToString());

        try
        {
            await Eventually.ReturnsAsync(() => Task.FromResult(WarningsTo("sam", ids["late_one"]).Count), n => n >= 1, timeout: TimeSpan.FromSeconds(150),
                because: "the owner is warned once the claimed conversation passes its one-minute target");
        }
        catch (Exception e)
        {
            // The failure's story: what the conversation recorded, what the receivers got, what the desk host said.
            var (_, events) = await SendAsync(HttpMethod.Get, $"/api/desk/conversations/{ids["late_one"]}/events", organisation: Org, roles: "viewer");
            var calls = string.Join(", ", IntegrationSetup.Receivers.Webhooks.Received.Where(r => r.Path.Contains("desk-", StringComparison.Ordinal)).Select(r => r.Path));
            var said = string.Join(" | ", (Desk.Output + "\n" + Host.Output).Split('\n').Where(l => l.Contains("first-answer", StringComparison.OrdinalIgnoreCase)
                || l.Contains("exception", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).TakeLast(12));
            Assert.Fail($"{e.Message}; events: {events}; desk calls: {calls}; host: {said}");
        }
        await Task.Delay(TimeSpan.FromSeconds(2)); // a few more rounds: nothing may be repeated

        var old = WarningsTo("lina", ids["first_one"]);
        var breaches = new Dictionary<string, int>();
        foreach (var (author, id) in ids) breaches[author] = await BreachesOfAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(old, Has.Count.EqualTo(1), "one warning to the lead for the first breach");
            Assert.That(old[0].Body, Does.Contain(ids["second_one"]), "breaches of one round are grouped");
            Assert.That(old[0].Header(WebhookPayload.SignatureHeader), Is.EqualTo(WebhookPayload.Signature(old[0].Body, NotificationReceivers.Secret)));
            Assert.That(JsonDocument.Parse(old[0].Body).RootElement.GetProperty("kind").GetString(), Is.EqualTo("ServiceLevelBreach"));
            Assert.That(WarningsTo("lina", ids["late_one"]), Has.Count.EqualTo(1), "the lead hears of the claimed one too");
            Assert.That(WarningsTo("sam", ids["late_one"]), Has.Count.EqualTo(1), "and its owner, once");
            Assert.That(WarningsTo("sam", ids["first_one"]), Is.Empty, "sam does not own the others");
            Assert.That(breaches.Values, Is.All.EqualTo(1), "one breach recorded per conversation and wait");
        });
    }
}
