using Crisis.CrisisCell.Configuring;
using Microsoft.Extensions.Hosting;
using Crisis.ServiceDefaults.Settings;

namespace Crisis.CrisisCell.Tests.Playbooks;

public class When_brand_crisis_settings_are_read
{
    private static BrandCrisisSettings Read(Dictionary<string, string?> values) => new(Options(values));

    private static IOptions<CrisisCellSettings> Options(Dictionary<string, string?> values) =>
        new ServiceCollection().AddValidatedSettings<CrisisCellSettings>(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), CrisisCellSettings.Section)
            .Services.BuildServiceProvider().GetRequiredService<IOptions<CrisisCellSettings>>();

    [Test]
    public void A_brand_without_a_threshold_of_its_own_gets_the_default()
    {
        var settings = Read(new() { ["CrisisCell:DefaultSeverityThreshold"] = "6", ["CrisisCell:SeverityThresholds:tinyco"] = "3" });
        Assert.Multiple(() =>
        {
            Assert.That(settings.SeverityThresholdFor("acme"), Is.EqualTo(6));
            Assert.That(settings.SeverityThresholdFor("tinyco"), Is.EqualTo(3));
        });
    }

    [Test]
    public void Without_configuration_the_threshold_is_five() =>
        Assert.That(Read([]).SeverityThresholdFor("acme"), Is.EqualTo(5));

    [Test]
    public void An_organisation_without_a_playbook_file_gets_the_default_playbook()
    {
        var playbook = Read([]).PlaybookFor("acme-org");
        Assert.Multiple(() =>
        {
            Assert.That(playbook.OrganisationId, Is.EqualTo("acme-org"));
            Assert.That(playbook.Stages.Select(s => s.Id), Is.EqualTo(new[] { "respond", "be-transparent", "acknowledge" }));
        });
    }

    [Test]
    public void An_organisation_with_a_playbook_file_walks_its_own_stages()
    {
        var path = Path.Combine(Path.GetTempPath(), $"playbook-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "organisationId": "acme-org", "stages": [ { "id": "hold", "name": "Hold", "guidance": "Say we listen", "deadlineMinutes": 5,
              "checklist": [ { "id": "post", "text": "Post a holding line" } ] } ] }
            """);
        try
        {
            var playbook = Read(new() { ["CrisisCell:PlaybookFiles:acme-org"] = path }).PlaybookFor("acme-org");
            Assert.That(playbook.Stages.Select(s => s.Id), Is.EqualTo(new[] { "hold" }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_broken_playbook_file_stops_the_start_naming_the_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"playbook-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "organisationId": "acme-org", "stages": [] }""");
        try
        {
            var refused = Assert.Throws<InvalidOperationException>(() => Read(new() { ["CrisisCell:PlaybookFiles:acme-org"] = path }));
            Assert.That(refused!.Message, Does.Contain("CrisisCell:PlaybookFiles:acme-org").And.Contain("stages"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("CrisisCell:DefaultSeverityThreshold", "-1")]
    [TestCase("CrisisCell:DeadlineCheckIntervalSeconds", "0")]
    [TestCase("CrisisCell:SeverityThresholds:tinyco", "-2")]
    public void A_setting_out_of_range_is_refused_naming_it(string setting, string value)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => _ = Options(new() { [setting] = value }).Value);
        Assert.That(refused!.Message, Does.Contain(setting));
    }

    [Test]
    public async Task A_negative_threshold_stops_the_host_at_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["CrisisCell:DefaultSeverityThreshold"] = "-1" });
        builder.Services.AddValidatedSettings<CrisisCellSettings>(builder.Configuration, CrisisCellSettings.Section);
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(refused!.Message, Does.Contain("CrisisCell:DefaultSeverityThreshold must not be negative"));
        await host.StopAsync();
    }
}
