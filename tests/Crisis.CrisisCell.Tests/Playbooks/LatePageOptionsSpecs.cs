using Crisis.CrisisCell;
using Crisis.CrisisCell.Configuring;

namespace Crisis.CrisisCell.Tests.Playbooks;

public class When_late_page_settings_are_read
{
    private static LatePageOptions Read(Dictionary<string, string?> values)
    {
        using var services = new ServiceCollection()
            .AddLatePageOptions(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<LatePageOptions>>().Value;
    }

    [Test]
    public void Without_configuration_a_page_is_late_after_30_minutes_and_pages_nobody() =>
        Assert.That(Read([]).Policy, Is.EqualTo(new Crisis.CrisisCell.Incidents.Opening.LatePagePolicy(TimeSpan.FromMinutes(30), false)));

    [Test]
    public void The_horizon_and_paging_are_read_from_the_crisis_cell_section() =>
        Assert.That(Read(new() { ["CrisisCell:LatePageHorizon"] = "02:00:00", ["CrisisCell:PageLateBuzzes"] = "true" }).Policy,
            Is.EqualTo(new Crisis.CrisisCell.Incidents.Opening.LatePagePolicy(TimeSpan.FromHours(2), true)));

    [Test]
    public void A_horizon_that_is_not_positive_is_refused_naming_the_key() =>
        Assert.That(() => Read(new() { ["CrisisCell:LatePageHorizon"] = "00:00:00" }),
            Throws.TypeOf<OptionsValidationException>().With.Message.Contains("CrisisCell:LatePageHorizon"));
}
