using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Crisis.CrisisCell.Desk.Answering;
using Crisis.CrisisCell.Desk.Configuring;
using Crisis.CrisisCell.Desk.HandingOver;
using Crisis.CrisisCell.Notifying.Channels;
using Crisis.CrisisCell.Notifying.Configuring;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Crisis.CrisisCell.Tests.Desk;

public class When_a_case_is_handed_over_by_email
{
    private static readonly HandoverCase Case = new(HandoverCase.KindName, "ho-1", "c0123", "org-1", "acme", "x", "amina_dz", "Un remboursement sous 48 heures",
        "omar", [new CasePost("p1", new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero), "arabic", "لماذا لم يصل طلبي بعد؟"), new CasePost("p2", new DateTimeOffset(2026, 3, 10, 9, 5, 0, TimeSpan.Zero), "french", null)],
        new CaseCallback("POST", "/api/desk/conversations/c0123/handovers/ho-1/outcome"));

    [Test]
    public void The_mail_names_the_person_the_promise_the_posts_and_where_to_report_the_outcome()
    {
        using var mail = HandoverMail.Build(Case, "desk@crisis.test", "care@acme.example", new Uri("https://crisis.acme.example/"));

        Assert.Multiple(() =>
        {
            Assert.That(mail.To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "care@acme.example" }));
            Assert.That(mail.Subject, Does.Contain("amina_dz").And.Contain("[handover ho-1]"));
            Assert.That(mail.Headers["X-Crisis-Idempotency-Key"], Is.EqualTo("ho-1"));
            Assert.That(mail.TextBody, Does.Contain("Promised: Un remboursement sous 48 heures"));
            Assert.That(mail.TextBody, Does.Contain("\u2068لماذا لم يصل طلبي بعد؟\u2069"), "an Arabic post keeps its direction, isolated");
            Assert.That(mail.TextBody, Does.Contain("(words not kept)"));
            Assert.That(mail.TextBody, Does.Contain("POST https://crisis.acme.example/api/desk/conversations/c0123/handovers/ho-1/outcome"));
        });
    }

    [Test]
    public async Task The_webhooks_json_is_attached_and_a_retry_is_the_same_message()
    {
        using var mail = HandoverMail.Build(Case, "desk@crisis.test", "care@acme.example", new Uri("https://crisis.acme.example/"));
        using var again = HandoverMail.Build(Case, "desk@crisis.test", "care@acme.example", new Uri("https://crisis.acme.example/"));
        var attached = mail.Attachments.OfType<MimePart>().Single();
        using var json = new MemoryStream();
        await attached.Content!.DecodeToAsync(json);

        Assert.Multiple(() =>
        {
            Assert.That(attached.FileName, Is.EqualTo("case.json"));
            Assert.That(JsonDocument.Parse(json.ToArray()).RootElement.ToString(), Is.EqualTo(JsonSerializer.Serialize(Case, SignedWebhook.Json)));
            Assert.That(mail.MessageId, Is.EqualTo(again.MessageId).And.EndWith("@crisis.test"));
        });
    }

    [TestCase("care@acme.example", true)]
    [TestCase("Care <care@acme.example>, escalations@acme.example", true)]
    [TestCase("", false)]
    [TestCase("care", false)]
    [TestCase("care@", false)]
    public void The_mailbox_is_checked_at_start(string to, bool valid) =>
        Assert.That(new HandoverEmailOptions { To = to }.IsValid(), Is.EqualTo(valid));

    [Test]
    public async Task A_relay_out_of_reach_is_a_case_not_delivered_with_the_reason()
    {
        // A port nobody listens on: the relay refuses the connection at once.
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var settings = new NotificationSettings
        {
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port, UseStartTls = false, From = "desk@crisis.test" },
            ChannelRetries = 1,
            ChannelRetryDelayMilliseconds = 1,
        };
        var desk = new DeskOptions { Organisations = { ["org-1"] = new DeskOrganisationOptions { HandoverEmail = new HandoverEmailOptions { To = "care@acme.example" } } } };
        using var http = new HttpClient();
        var notifications = Options.Create(settings);
        var customerService = new CustomerService(new SignedWebhook(http, TimeProvider.System), new SmtpRelay(notifications, new ChannelPipelines(notifications)), notifications, Options.Create(desk));

        var delivery = await customerService.DeliverAsync(Case, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(customerService.Serves("org-1"), Is.True);
            Assert.That(customerService.Serves("org-2"), Is.False);
            Assert.That(delivery.Delivered, Is.False);
            Assert.That(delivery.Failure, Does.StartWith("the mail relay could not be reached"));
        });
    }
}
