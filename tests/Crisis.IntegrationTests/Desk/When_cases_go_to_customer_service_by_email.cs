using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crisis.IntegrationTests.Notifying;
using Crisis.IntegrationTests.Running;
using MimeKit;

namespace Crisis.IntegrationTests.Desk;

/// <summary>
/// An organisation whose customer service takes cases by e-mail: the handover goes through the notification channels' SMTP
/// relay (here the fake <see cref="SmtpReceiver"/>) on a host of its own, configured with that organisation's mailbox.
/// </summary>
public class When_cases_go_to_customer_service_by_email : IntegrationSpec
{
    private const string Organisation = "desk-mail-org";
    private const string Mailbox = "care@mail-org.example";
    private SmtpReceiver smtp = null!;
    private HostProcess host = null!;
    private string brand = "";

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        smtp = SmtpReceiver.Start();
        host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            [$"Desk__Organisations__{Organisation}__HandoverEmail__To"] = Mailbox,
            // Out of reach: a first-answer breach would add events this spec does not expect.
            [$"Desk__Organisations__{Organisation}__FirstAnswerMinutes"] = "10080",
            [$"Desk__Organisations__{Organisation}__IncidentFirstAnswerMinutes"] = "10080",
            ["Notifications__PublicBaseUrl"] = "http://crisis.test/",
            ["Notifications__ChannelRetries"] = "1",
            ["Notifications__ChannelRetryDelayMilliseconds"] = "50",
            ["Notifications__Smtp__Host"] = "127.0.0.1",
            ["Notifications__Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications__Smtp__From"] = "desk@crisis.test",
            ["Notifications__Smtp__UseStartTls"] = "false",
        });
    }

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        if (host is not null) await host.DisposeAsync();
        if (smtp is not null) await smtp.DisposeAsync();
    }

    [SetUp]
    public async Task RegisterBrandAsync()
    {
        brand = $"deskmail{Guid.NewGuid():N}"[..16];
        using var admin = host.ClientFor(Organisation);
        using var response = await admin.PostAsJsonAsync("/api/brands", new { id = brand, name = brand.ToUpperInvariant() });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_case_reaches_the_mailbox_with_the_conversation_the_handle_and_the_promise_and_its_outcome_comes_back()
    {
        var id = await ClaimedQuestionAsync("c1", "لماذا لم يصل طلبي بعد؟", "amina_dz");

        var (response, body) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/handovers", new { handoverId = "ho-mail-1", promised = "Un remboursement sous 48 heures" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var mail = smtp.Received.Single(m => m.Key == "ho-mail-1" && m.Message.TextBody?.Contains(id, StringComparison.Ordinal) == true);
        var attached = mail.Message.Attachments.OfType<MimePart>().Single(a => a.FileName == "case.json");
        using var json = new MemoryStream();
        await attached.Content!.DecodeToAsync(json);
        var sent = JsonDocument.Parse(json.ToArray()).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(mail.To, Is.EqualTo(new[] { Mailbox }));
            Assert.That(mail.Message.Subject, Does.Contain("amina_dz").And.Contain("ho-mail-1"));
            Assert.That(mail.Message.TextBody, Does.Contain("Promised: Un remboursement sous 48 heures"));
            Assert.That(mail.Message.TextBody, Does.Contain("Author: amina_dz"));
            Assert.That(mail.Message.TextBody, Does.Contain("لماذا لم يصل طلبي بعد؟"));
            Assert.That(mail.Message.TextBody, Does.Contain($"POST http://crisis.test/api/desk/conversations/{id}/handovers/ho-mail-1/outcome"));
            Assert.That(sent.GetProperty("author").GetString(), Is.EqualTo("amina_dz"));
            Assert.That(sent.GetProperty("promised").GetString(), Is.EqualTo("Un remboursement sous 48 heures"));
            Assert.That(sent.GetProperty("conversationId").GetString(), Is.EqualTo(id));
            Assert.That(body.GetProperty("caseReference").GetString(), Is.EqualTo(mail.Message.MessageId), "the case goes by the mail's Message-ID");
        });

        var (again, againProblem) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/handovers", new { handoverId = "ho-mail-1", promised = "Un remboursement sous 48 heures" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), againProblem.ToString());
        Assert.That(smtp.Received.Count(m => m.Key == "ho-mail-1"), Is.EqualTo(1), "a handover already sent is not mailed again");

        var (outcome, outcomeBody) = await SendAsync(HttpMethod.Post, sent.GetProperty("callback").GetProperty("path").GetString()!,
            new { outcome = "Resolved", note = "refunded" }, name: "cs-mailbox");
        Assert.That(outcome.StatusCode, Is.EqualTo(HttpStatusCode.OK), outcomeBody.ToString());
        var conversation = await ConversationAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(conversation.GetProperty("conversation").GetProperty("status").GetString(), Is.EqualTo("HandedOver"));
            Assert.That(conversation.GetProperty("handovers")[0].GetProperty("caseReference").GetString(), Is.EqualTo(mail.Message.MessageId));
            Assert.That(conversation.GetProperty("handovers")[0].GetProperty("outcome").GetString(), Is.EqualTo("Resolved"));
        });
    }

    [Test]
    public async Task Another_organisation_cannot_hand_over_the_conversation_nor_report_its_outcome()
    {
        var id = await ClaimedQuestionAsync("c2", "Où est ma commande ?", "sam_fr");

        var (handover, _) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/handovers", new { handoverId = "ho-x", promised = "rien" }, organisation: TestTokens.Organisation);
        var (outcome, _) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/handovers/ho-x/outcome", new { outcome = "Resolved" }, organisation: TestTokens.Organisation);

        Assert.Multiple(() =>
        {
            Assert.That(handover.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(outcome.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(smtp.Received.Any(m => m.Key == "ho-x"), Is.False, "nothing was mailed");
        });
    }

    private async Task<string> ClaimedQuestionAsync(string postId, string text, string handle)
    {
        var post = SyntheticMentions.Mention(brand, $"{brand}-{postId}", DateTimeOffset.UtcNow.AddMinutes(-5));
        post["text"] = text;
        post["author"] = new Dictionary<string, object?> { ["handle"] = handle, ["followers"] = 10 };
        using (var admin = host.ClientFor(Organisation))
        using (var content = new StringContent(SyntheticMentions.Ndjson([post]), Encoding.UTF8, "application/x-ndjson"))
        using (var ingested = await admin.PostAsync(new Uri("/api/mentions", UriKind.Relative), content))
            Assert.That(ingested.IsSuccessStatusCode, Is.True, await ingested.Content.ReadAsStringAsync());
        var queue = await Eventually.ReturnsAsync(async () => (await SendAsync(HttpMethod.Get, $"/api/desk/queue?brandId={brand}", roles: "viewer")).Body,
            q => q.GetProperty("conversations").GetArrayLength() == 1, timeout: TimeSpan.FromSeconds(45), because: "the intake to queue the post");
        var id = queue.GetProperty("conversations")[0].GetProperty("conversationId").GetString()!;
        var (claimed, claim) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { });
        Assert.That(claimed.StatusCode, Is.EqualTo(HttpStatusCode.OK), claim.ToString());
        return id;
    }

    private async Task<JsonElement> ConversationAsync(string id) => (await SendAsync(HttpMethod.Get, $"/api/desk/conversations/{id}", roles: "viewer")).Body;

    private async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(
        HttpMethod method, string path, object? body = null, string organisation = Organisation, string name = "alice", params string[] roles)
    {
        using var client = host.ClientFor(organisation, name, roles.Length == 0 ? ["responder"] : roles);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
