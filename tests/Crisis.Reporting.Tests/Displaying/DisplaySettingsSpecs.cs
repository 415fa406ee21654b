using Crisis.ServiceDefaults.Localisation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crisis.Reporting.Tests.Displaying;

public class Display_settings
{
    private string file = "";

    [SetUp]
    public void WriteFile() => file = Path.Combine(Path.GetTempPath(), $"crisis-display-{Guid.NewGuid():N}.json");

    [TearDown]
    public void DeleteFile() => File.Delete(file);

    private static DisplaySettings Read(params (string Key, string Value)[] settings) =>
        DisplaySettings.AddDisplaySettings(new ServiceCollection(), new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build())
            .BuildServiceProvider().GetRequiredService<DisplaySettings>();

    [Test]
    public void Give_a_hyphenated_organisation_its_zone_and_language_from_the_organisations_file()
    {
        File.WriteAllText(file, """{ "acme-corp": { "timeZone": "Africa/Casablanca", "language": "ar-u-nu-latn" } }""");
        var settings = Read(("Display:OrganisationsFile", file), ("Display:DefaultTimeZone", "Europe/Paris"));
        Assert.Multiple(() =>
        {
            Assert.That(settings.For("acme-corp").TimeZone.Id, Is.EqualTo("Africa/Casablanca"));
            Assert.That(settings.For("acme-corp").Language.Tag, Is.EqualTo("ar-u-nu-latn"));
            Assert.That(settings.For("other").TimeZone.Id, Is.EqualTo("Europe/Paris"), "others take the default");
        });
    }

    [Test]
    public void Let_a_setting_named_in_configuration_win_over_the_file()
    {
        File.WriteAllText(file, """{ "acme-corp": { "timeZone": "Africa/Casablanca" } }""");
        var settings = Read(("Display:OrganisationsFile", file), ("Display:Organisations:acme-corp:TimeZone", "Africa/Tunis"));
        Assert.That(settings.For("acme-corp").TimeZone.Id, Is.EqualTo("Africa/Tunis"));
    }

    [Test]
    public void Refuse_an_unknown_zone_or_language_naming_the_setting()
    {
        File.WriteAllText(file, """{ "acme-corp": { "timeZone": "Mars/Olympus" } }""");
        Assert.Multiple(() =>
        {
            Assert.That(() => Read(("Display:OrganisationsFile", file)), Throws.TypeOf<OptionsValidationException>().With.Message.Contains("acme-corp.timeZone"));
            Assert.That(() => Read(("Display:DefaultLanguage", "de")), Throws.TypeOf<OptionsValidationException>().With.Message.Contains("Display:DefaultLanguage"));
            Assert.That(() => Read(("Display:Organisations:x:TimeZone", "../../etc/passwd")), Throws.TypeOf<OptionsValidationException>().With.Message.Contains("Display:Organisations:x:TimeZone"));
        });
    }
}
