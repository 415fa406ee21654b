using Crisis.CrisisCell.Notifying.Configuring;
using Crisis.ServiceDefaults.EventSourcing;

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

    [Test]
    public void A_level_pointing_at_an_unknown_rotation_is_refused_by_the_on_call_validation()
    {
        var json = Example().Replace("[ \"communication-leads\" ]", "[ \"nobody\" ]", StringComparison.Ordinal);
        var refusal = Assert.Throws<DomainRefusalException>(() => OnCallJson.Parse("acme-group", json));
        Assert.That(refusal!.Message, Does.Contain("levels[1].rotationIds"));
    }
}
