using Crisis.CrisisCell.Notifying.Configuring;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Localisation;

namespace Crisis.CrisisCell.Tests.Notifying;

public class Reading_an_on_call_file
{
    private static string Example() =>
        File.ReadAllText(Path.Combine(Root(), "ops", "config", "on-call.example.json"));

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Crisis.sln"))) return dir.FullName;
        throw new InvalidOperationException("Crisis.sln not found");
    }

    [Test]
    public void The_shipped_example_is_valid()
    {
        var onCall = OnCallJson.Parse("acme-group", Example());
        Assert.Multiple(() =>
        {
            Assert.That(onCall.Policy.Levels, Has.Count.EqualTo(2));
            Assert.That(onCall.Policy.Levels[1].AfterUnacknowledged, Is.EqualTo(TimeSpan.FromMinutes(15)));
            Assert.That(onCall.Roster.Rotations.Select(r => r.Id), Is.EqualTo(new[] { "community-managers", "communication-leads" }));
            Assert.That(onCall.ContactsOf("youssef").Select(e => e.Channel), Is.EqualTo(new[] { DeliveryChannel.Email, DeliveryChannel.Webhook }));
            Assert.That(onCall.Endpoint("youssef", "pager")!.Secret, Is.EqualTo("change-me"));
        });
    }

    [Test]
    public void A_webhook_without_a_secret_is_refused_naming_the_field()
    {
        var json = Example().Replace(", \"secret\": \"change-me\"", "", StringComparison.Ordinal);
        var refusal = Assert.Throws<DomainRefusalException>(() => OnCallJson.Parse("acme-group", json));
        Assert.That(refusal!.Message, Does.Contain("contacts.youssef[1].secret"));
    }

    [TestCase("Push")]
    [TestCase("Sms")]
    [TestCase("42")]
    public void An_endpoint_naming_a_channel_nothing_delivers_is_refused_naming_the_field(string channel)
    {
        var json = Example().Replace("\"channel\": \"Teams\"", $"\"channel\": \"{channel}\"", StringComparison.Ordinal);
        var refusal = Assert.Throws<DomainRefusalException>(() => OnCallJson.Parse("acme-group", json));
        Assert.That(refusal!.Message, Does.Contain("contacts.claire[1].channel").And.Contain($"'{channel}' is not a channel Crisis delivers (Webhook, Slack, Teams or Email)"));
    }

    [TestCase("Phone", "'Phone' is not a channel Crisis delivers")]
    [TestCase("Email", "a member names no channel")]
    public void A_rotation_member_naming_a_channel_is_refused_pointing_at_the_contacts(string channel, string reason)
    {
        var json = Example().Replace("{ \"id\": \"claire\" }", $"{{ \"id\": \"claire\", \"channel\": \"{channel}\" }}", StringComparison.Ordinal);
        Assert.That(json, Is.Not.EqualTo(Example()), "the example has the member to change");
        var refusal = Assert.Throws<DomainRefusalException>(() => OnCallJson.Parse("acme-group", json));
        Assert.That(refusal!.Message, Does.Contain("rotations[1].members[0].channel").And.Contain(reason).And.Contain("contacts.claire"));
    }

    [Test]
    public void Channels_are_read_by_name_in_any_case()
    {
        var json = Example().Replace("\"channel\": \"Teams\"", "\"channel\": \"teams\"", StringComparison.Ordinal);
        Assert.That(OnCallJson.Parse("acme-group", json).Endpoint("claire", "teams")!.Channel, Is.EqualTo(DeliveryChannel.Teams));
    }

    [Test]
    public void A_level_pointing_at_an_unknown_rotation_is_refused_by_the_on_call_validation()
    {
        var json = Example().Replace("[ \"communication-leads\" ]", "[ \"nobody\" ]", StringComparison.Ordinal);
        var refusal = Assert.Throws<DomainRefusalException>(() => OnCallJson.Parse("acme-group", json));
        Assert.That(refusal!.Message, Does.Contain("levels[1].rotationIds"));
    }

    [Test]
    public void Each_endpoint_reads_its_own_language_or_the_files()
    {
        var onCall = OnCallJson.Parse("acme-group", Example());
        Assert.Multiple(() =>
        {
            Assert.That(onCall.Language, Is.EqualTo(UiLanguage.French));
            Assert.That(onCall.LanguageOf(onCall.Endpoint("amina", "slack")!), Is.EqualTo(UiLanguage.Arabic));
            Assert.That(onCall.LanguageOf(onCall.Endpoint("amina", "email")!), Is.EqualTo(UiLanguage.French));
        });
    }

    [TestCase("\"language\": \"fr\"", "\"language\": \"klingon\"", "'language'")]
    [TestCase("\"language\": \"ar\"", "\"language\": \"ar-u-nu-thai\"", "'contacts.amina[1].language'")]
    public void An_unsupported_language_is_refused_naming_the_field(string written, string wrong, string field)
    {
        var json = Example().Replace(written, wrong, StringComparison.Ordinal);
        Assert.That(json, Is.Not.EqualTo(Example()), "the example has the language to replace");
        var refusal = Assert.Throws<DomainRefusalException>(() => OnCallJson.Parse("acme-group", json));
        Assert.That(refusal!.Message, Does.Contain(field).And.Contain("supported language"));
    }

    [Test]
    public void The_demos_file_pages_amina_in_arabic_and_the_others_in_french()
    {
        var demo = OnCallJson.Parse("demo", File.ReadAllText(Path.Combine(Root(), "ops", "demo", "on-call.json")));
        Assert.Multiple(() =>
        {
            Assert.That(demo.LanguageOf(demo.Endpoint("amina", "pager")!), Is.EqualTo(UiLanguage.Arabic));
            Assert.That(demo.LanguageOf(demo.Endpoint("claire", "teams")!), Is.EqualTo(UiLanguage.French));
        });
    }
}
