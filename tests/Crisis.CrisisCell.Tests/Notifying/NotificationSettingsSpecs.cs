using Crisis.CrisisCell.Notifying.Configuring;
using Crisis.ServiceDefaults.Settings;

namespace Crisis.CrisisCell.Tests.Notifying;

public class When_notification_settings_are_bound
{
    private static NotificationSettings Bind(Dictionary<string, string?> values) =>
        new ServiceCollection().AddValidatedSettings<NotificationSettings>(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), NotificationSettings.Section)
            .Services.BuildServiceProvider().GetRequiredService<IOptions<NotificationSettings>>().Value;

    [Test]
    public void Unset_values_take_their_defaults()
    {
        var settings = Bind([]);
        Assert.Multiple(() =>
        {
            Assert.That(settings.TimeoutPollInterval, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(settings.PublicBaseUrl, Is.EqualTo(new Uri("http://localhost:8080")));
            Assert.That(settings.OnCallFiles, Is.Empty);
        });
    }

    [TestCase("Notifications:TimeoutPollMilliseconds", "5", "Notifications:TimeoutPollMilliseconds must be at least 10")]
    [TestCase("Notifications:PublicBaseUrl", "api/here", "Notifications:PublicBaseUrl must be an absolute URL")]
    [TestCase("Notifications:ChannelRetries", "-1", "ChannelRetries must not be negative")]
    [TestCase("Notifications:ChannelTimeoutSeconds", "0", "ChannelTimeoutSeconds must be positive")]
    [TestCase("Notifications:OnCallFiles:acme", "/nonexistent/on-call.json", "Notifications:OnCallFiles:acme (/nonexistent/on-call.json)")]
    public void A_wrong_value_is_refused_naming_the_setting(string setting, string value, string message)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Bind(new() { [setting] = value }));
        Assert.That(refused!.Message, Does.Contain(message));
    }

    [Test]
    public void A_broken_on_call_file_is_refused_naming_the_setting_and_the_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"on-call-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "rotations": [ { "id": "r", "startsAt": "2026-01-01T00:00:00+00:00", "shiftLength": "1.00:00:00", "members": [ { "id": "ana", "channel": "Sms" } ] } ] }""");
        try
        {
            var refused = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Notifications:OnCallFiles:acme"] = path }));
            Assert.That(refused!.Message, Does.Contain($"Notifications:OnCallFiles:acme ({path})").And.Contain("rotations[0].members[0].channel").And.Contain("'Sms' is not a channel Crisis delivers"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
