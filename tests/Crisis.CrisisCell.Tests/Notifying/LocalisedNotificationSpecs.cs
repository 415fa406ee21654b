using System.Text.Json;
using Crisis.CrisisCell.Notifying.Channels;
using Crisis.ServiceDefaults.Localisation;

namespace Crisis.CrisisCell.Tests.Notifying;

public class A_notification_in_the_recipients_language
{
    private static NotificationMessage In(UiLanguage language) =>
        MessageFixtures.Page with { Language = language, Status = "Opened", StageId = "respond", BrandName = "Acme Airlines" };

    [Test]
    public void Every_language_has_every_text_with_the_same_placeholders() =>
        Assert.That(NotificationMessage.Texts.Problems(), Is.Empty);

    [Test]
    public void Speaks_french_to_a_french_reader_with_the_default_stage_translated()
    {
        var message = In(UiLanguage.French);
        Assert.Multiple(() =>
        {
            Assert.That(message.Headline, Is.EqualTo("[Crisis N1] Acme Airlines : gravité 8/10 - Lost luggage storm"));
            Assert.That(message.PhaseLine, Is.EqualTo("Ouvert, étape Répondre"));
            Assert.That(message.EvidenceLine, Is.EqualTo("420 mentions, 83 % négatives"));
            Assert.That(message.NextStepLine, Is.EqualTo("Prochaine étape : Répondre, échéance 2026-11-27 10:30 UTC"));
        });
    }

    [Test]
    public void Speaks_arabic_with_arabic_indic_digits_or_latin_ones_by_preference()
    {
        Assert.That(UiLanguage.TryParse("ar-u-nu-latn", out var latin), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(In(UiLanguage.Arabic).EvidenceLine, Is.EqualTo("٤٢٠ إشارة، ٨٣٪ سلبية"));
            Assert.That(In(latin).EvidenceLine, Is.EqualTo("420 إشارة، 83٪ سلبية"));
            // Ids and URLs are never transliterated: machines and people copy them.
            Assert.That(In(UiLanguage.Arabic).AcknowledgeLine, Does.EndWith("https://crisis.example.com/api/incidents/inc-1/acknowledge"));
        });
    }

    [Test]
    public void An_arabic_email_is_laid_out_right_to_left()
    {
        var html = EmailContent.Html(In(UiLanguage.Arabic));
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<html lang=\"ar\" dir=\"rtl\">"));
            Assert.That(html, Does.Contain("العلامة: <bdi>Acme Airlines</bdi>"));
            Assert.That(html, Does.Contain("<code dir=\"ltr\">POST https://crisis.example.com/api/incidents/inc-1/acknowledge</code>"));
        });
    }

    [Test]
    public void Slack_and_teams_label_their_fields_in_the_language_and_the_webhook_says_which()
    {
        using var slack = JsonDocument.Parse(SlackPayload.Body(In(UiLanguage.French)));
        using var teams = JsonDocument.Parse(TeamsPayload.Body(In(UiLanguage.French)));
        using var webhook = JsonDocument.Parse(WebhookPayload.Body(In(UiLanguage.Arabic)));
        Assert.Multiple(() =>
        {
            Assert.That(slack.RootElement.GetProperty("blocks")[1].GetProperty("fields")[0].GetProperty("text").GetString(), Is.EqualTo("*Marque*\nAcme Airlines"));
            Assert.That(teams.RootElement.GetProperty("potentialAction")[0].GetProperty("name").GetString(), Is.EqualTo("Prendre en charge"));
            Assert.That(webhook.RootElement.GetProperty("language").GetString(), Is.EqualTo("ar"));
            Assert.That(webhook.RootElement.GetProperty("brandId").GetString(), Is.EqualTo("acme"), "machines keep the id");
            Assert.That(webhook.RootElement.GetProperty("brandName").GetString(), Is.EqualTo("Acme Airlines"));
        });
    }

    [Test]
    public void The_detectors_default_title_is_said_in_the_language_with_the_brands_name()
    {
        var message = In(UiLanguage.Arabic) with { Title = "Bad buzz on acme" };
        Assert.That(message.Headline, Is.EqualTo("[Crisis م١] Acme Airlines: الخطورة ٨/١٠ - ضجة سلبية حول Acme Airlines"));
    }

    [Test]
    public void A_playbook_stage_the_organisation_renamed_keeps_its_own_wording()
    {
        var renamed = In(UiLanguage.French) with { NextStep = "Réagir vite" };
        Assert.That(renamed.NextStepLine, Does.StartWith("Prochaine étape : Réagir vite,"));
    }
}

public class A_language_tag
{
    [TestCase("fr", "fr", DigitSystem.Latin)]
    [TestCase("fr-CA", "fr", DigitSystem.Latin)]
    [TestCase("AR_dz", "ar", DigitSystem.ArabicIndic)]
    [TestCase("ar-u-nu-latn", "ar", DigitSystem.Latin)]
    [TestCase("en-GB", "en", DigitSystem.Latin)]
    public void Of_a_supported_language_is_read(string tag, string code, DigitSystem digits)
    {
        Assert.That(UiLanguage.TryParse(tag, out var language), Is.True);
        Assert.That((language.Code, language.Digits), Is.EqualTo((code, digits)));
    }

    [TestCase("de")]
    [TestCase("ar-u-nu-thai")]
    [TestCase("ar-u-nu")]
    [TestCase("fr;drop table")]
    [TestCase("")]
    [TestCase("x")]
    public void Of_anything_else_is_refused(string tag) =>
        Assert.That(UiLanguage.TryParse(tag, out _), Is.False);

    [Test]
    public void From_accept_language_is_the_best_ranked_supported_one()
    {
        Assert.Multiple(() =>
        {
            Assert.That(UiLanguage.FromAcceptLanguage("de-DE, fr;q=0.8, ar;q=0.9"), Is.EqualTo(UiLanguage.Arabic));
            Assert.That(UiLanguage.FromAcceptLanguage("de, it;q=0.5"), Is.Null);
            Assert.That(UiLanguage.FromAcceptLanguage("fr;q=abc, en;q=0.1"), Is.EqualTo(UiLanguage.French));
        });
    }
}
