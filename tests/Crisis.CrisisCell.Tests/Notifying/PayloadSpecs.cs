using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crisis.CrisisCell.Notifying.Channels;
using MimeKit;

namespace Crisis.CrisisCell.Tests.Notifying;

public class A_signed_webhook
{
    [Test]
    public void Carries_a_signature_the_receiver_can_recompute_from_the_body_and_the_secret()
    {
        var body = WebhookPayload.Body(MessageFixtures.Page);
        var signature = WebhookPayload.Signature(body, "s3cret");

        // What a receiver does, independently of our code.
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("s3cret"u8, Encoding.UTF8.GetBytes(body)));
        Assert.Multiple(() =>
        {
            Assert.That(signature, Is.EqualTo(expected));
            Assert.That(WebhookPayload.Signature(body, "other"), Is.Not.EqualTo(signature), "another secret signs differently");
            Assert.That(WebhookPayload.Signature(body + " ", "s3cret"), Is.Not.EqualTo(signature), "a changed body no longer verifies");
        });
    }

    [Test]
    public void Says_what_happens_the_evidence_the_next_step_and_how_to_acknowledge()
    {
        var body = WebhookPayload.Body(MessageFixtures.Page);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("brandId").GetString(), Is.EqualTo("acme"));
            Assert.That(root.GetProperty("severity").GetInt32(), Is.EqualTo(8));
            Assert.That(root.GetProperty("phase").GetString(), Is.EqualTo("Opened, stage Respond"));
            Assert.That(root.GetProperty("evidence").GetProperty("negativeShare").GetDouble(), Is.EqualTo(0.83));
            Assert.That(root.GetProperty("evidence").GetProperty("topPosts")[0].GetProperty("followers").GetInt64(), Is.EqualTo(120_000));
            Assert.That(root.GetProperty("nextStep").GetProperty("name").GetString(), Is.EqualTo("Respond"));
            Assert.That(root.GetProperty("acknowledge").GetProperty("url").GetString(), Is.EqualTo("https://crisis.example.com/api/incidents/inc-1/acknowledge"));
            Assert.That(body, Does.Contain(MessageFixtures.ArabicExcerpt), "Arabic goes out as itself, not as \\u escapes");
        });
    }
}

public class A_slack_message
{
    [Test]
    public void Has_a_text_fallback_and_blocks_quoting_the_top_posts_with_their_reach()
    {
        using var json = JsonDocument.Parse(SlackPayload.Body(MessageFixtures.Page));
        var root = json.RootElement;
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        var texts = string.Join("\n", blocks.Select(b => b.GetRawText()));
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("text").GetString(), Does.Contain("acme").And.Contain("severity 8/10"));
            Assert.That(blocks[0].GetProperty("type").GetString(), Is.EqualTo("header"));
            Assert.That(blocks.Select(b => b.GetProperty("type").GetString()), Is.All.AnyOf("header", "section", "context"));
            Assert.That(texts, Does.Contain(MessageFixtures.ArabicExcerpt));
            Assert.That(texts, Does.Contain("@angry_traveller (120,000 followers, x)"));
            Assert.That(texts, Does.Contain("Next step: Respond, due 2026-11-27 10:30 UTC"));
            Assert.That(texts, Does.Contain("POST https://crisis.example.com/api/incidents/inc-1/acknowledge"));
        });
    }
}

public class A_teams_message
{
    [Test]
    public void Is_a_message_card_with_facts_and_an_acknowledge_action()
    {
        using var json = JsonDocument.Parse(TeamsPayload.Body(MessageFixtures.Page));
        var root = json.RootElement;
        var facts = root.GetProperty("sections")[0].GetProperty("facts").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString());
        var action = root.GetProperty("potentialAction")[0];
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("@type").GetString(), Is.EqualTo("MessageCard"));
            Assert.That(root.GetProperty("@context").GetString(), Is.EqualTo("https://schema.org/extensions"));
            Assert.That(root.GetProperty("summary").GetString(), Does.Contain("acme"));
            Assert.That(facts["Severity"], Is.EqualTo("8/10"));
            Assert.That(facts["Evidence"], Is.EqualTo("420 mentions, 83% negative"));
            Assert.That(root.GetProperty("sections")[1].GetProperty("text").GetString(), Is.EqualTo(MessageFixtures.ArabicExcerpt));
            Assert.That(action.GetProperty("@type").GetString(), Is.EqualTo("HttpPOST"));
            Assert.That(action.GetProperty("target").GetString(), Is.EqualTo("https://crisis.example.com/api/incidents/inc-1/acknowledge"));
        });
    }
}

public class An_email
{
    [Test]
    public void Keeps_arabic_posts_intact_and_right_to_left_in_both_text_and_html()
    {
        using var mail = EmailContent.Build(MessageFixtures.Page, "crisis@example.com", "amina@example.com");
        // Through the wire format and back, as the receiving client would read it.
        using var stream = new MemoryStream();
        mail.WriteTo(stream);
        stream.Position = 0;
        using var received = MimeMessage.Load(stream);
        Assert.Multiple(() =>
        {
            Assert.That(received.Subject, Is.EqualTo($"[Crisis L1] acme: severity 8/10 - Lost luggage storm [ref {MessageFixtures.Page.DeliveryReference}]"));
            Assert.That(received.Headers["X-Crisis-Idempotency-Key"], Is.EqualTo("inc-1:Page:L1:amina@email"));
            Assert.That(received.MessageId, Is.EqualTo(EmailContent.MessageIdFor("inc-1:Page:L1:amina@email", "crisis@example.com"))
                .And.EndsWith(".crisis@example.com"), "the same Message-ID on every attempt of the delivery");
            Assert.That(received.TextBody, Does.Contain("\u2067" + MessageFixtures.ArabicExcerpt + "\u2069"), "isolated, unaltered");
            Assert.That(received.TextBody, Does.Contain("@angry_traveller (120,000 followers, x)"));
            Assert.That(received.TextBody, Does.Contain("420 mentions, 83% negative"));
            Assert.That(received.TextBody, Does.Contain("Next step: Respond, due 2026-11-27 10:30 UTC"));
            Assert.That(received.TextBody, Does.Contain("Acknowledge: POST https://crisis.example.com/api/incidents/inc-1/acknowledge"));
            Assert.That(received.HtmlBody, Does.Contain("<blockquote dir=\"rtl\" lang=\"ar\">" + MessageFixtures.ArabicExcerpt + "</blockquote>"));
            Assert.That(received.HtmlBody, Does.Contain("<blockquote dir=\"ltr\" lang=\"fr\">Service client honteux</blockquote>"));
        });
    }
}

/// <summary>
/// A receiver that got a page twice (the host died between the channel's answer and the sent record) must be able to
/// tell: every payload form carries the delivery's idempotency key, the same on every copy.
/// </summary>
public class Every_payload_form
{
    private const string Key = "inc-1:Page:L1:amina@email";

    [Test]
    public void Carries_the_delivery_key()
    {
        using var webhook = JsonDocument.Parse(WebhookPayload.Body(MessageFixtures.Page));
        using var slack = JsonDocument.Parse(SlackPayload.Body(MessageFixtures.Page));
        using var teams = JsonDocument.Parse(TeamsPayload.Body(MessageFixtures.Page));
        var teamsFacts = teams.RootElement.GetProperty("sections")[0].GetProperty("facts").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString());
        using var mail = EmailContent.Build(MessageFixtures.Page, "crisis@example.com", "amina@example.com");
        var reference = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))[..8];
        Assert.Multiple(() =>
        {
            Assert.That(webhook.RootElement.GetProperty("idempotencyKey").GetString(), Is.EqualTo(Key), "webhook body (the header too, see HttpChannel)");
            Assert.That(slack.RootElement.GetProperty("blocks").EnumerateArray().Last().GetRawText(), Does.Contain($"Delivery key: {Key}"), "slack");
            Assert.That(teamsFacts["Delivery key"], Is.EqualTo(Key), "teams");
            Assert.That(mail.Subject, Does.EndWith($"[ref {reference}]"), "e-mail subject");
            Assert.That(mail.MessageId, Does.StartWith(reference), "e-mail Message-ID");
            Assert.That(mail.Headers["X-Crisis-Idempotency-Key"], Is.EqualTo(Key), "e-mail header");
            Assert.That(mail.TextBody, Does.Contain($"Delivery key: {Key}"), "e-mail text");
        });
    }
}
