using System.Net;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Desk;

/// <summary>
/// The queue row carries the handle of who started the conversation for those who answer people (responder and up), the
/// pseudonym only for a viewer, and nothing of one organisation reaches another's queue.
/// </summary>
public class When_the_queue_names_the_authors : DeskSpec
{
    private string brand = "";

    [SetUp]
    public Task RegisterBrandAsync()
    {
        brand = $"deskwho{Guid.NewGuid():N}"[..15];
        return RegisterAsync(brand);
    }

    [Test]
    public async Task A_responder_sees_the_handle_a_viewer_the_pseudonym_and_another_organisation_nothing()
    {
        await IngestAsync(Working, Post(brand, $"{brand}-q", "Pourquoi ma commande n'est toujours pas arrivée ?", handle: "amina_who"));
        var queued = (await EventuallyQueuedAsync(brand, 1))[0];

        var asResponder = await RowAsync("responder");
        var asLead = await RowAsync("incident-lead");
        var (otherResponse, otherQueue) = await SendAsync(HttpMethod.Get, $"/api/desk/queue?brandId={brand}", organisation: Broken);

        Assert.Multiple(() =>
        {
            Assert.That(asResponder.GetProperty("authorHandle").GetString(), Is.EqualTo("amina_who"));
            Assert.That(asLead.GetProperty("authorHandle").GetString(), Is.EqualTo("amina_who"), "a higher role sees what a responder sees");
            Assert.That(queued.GetProperty("authorHandle").ValueKind, Is.EqualTo(JsonValueKind.Null), "a viewer gets no handle");
            Assert.That(queued.GetProperty("author").GetString(), Is.Not.EqualTo("amina_who").And.EqualTo(asResponder.GetProperty("author").GetString()),
                "author stays the pseudonym for everyone");
            Assert.That(otherResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(otherQueue.GetProperty("conversations").GetArrayLength(), Is.Zero, "another organisation's queue holds none of it");
        });
    }

    [Test]
    public async Task The_handle_is_the_one_who_started_the_conversation_not_the_latest_replier()
    {
        await IngestAsync(Working, Post(brand, $"{brand}-root", "Colis perdu, pourquoi ?", handle: "first_writer"));
        await EventuallyQueuedAsync(brand, 1);
        await IngestAsync(Working, Post(brand, $"{brand}-reply", "Moi aussi, même problème ?", replyTo: $"{brand}-root", handle: "someone_else"));
        await Eventually.ReturnsAsync(() => QueueAsync($"?brandId={brand}"), q => q[0].GetProperty("posts").GetInt32() == 2,
            timeout: TimeSpan.FromSeconds(45), because: "the reply joins the thread");

        var row = await RowAsync("responder");

        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("latestText").GetString(), Does.StartWith("Moi aussi"));
            Assert.That(row.GetProperty("authorHandle").GetString(), Is.EqualTo("first_writer"));
        });
    }

    private async Task<JsonElement> RowAsync(string role)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, $"/api/desk/queue?brandId={brand}", roles: role);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        response.Dispose();
        return body.GetProperty("conversations")[0];
    }
}
