using Crisis.Reporting.Measuring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crisis.Reporting.Tests.Measuring;

/// <summary>The KPI windows are validated options: a wrong value is refused with its name when the host starts.</summary>
public class When_the_reporting_settings_are_read_at_start
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddReporting(configuration).BuildServiceProvider();
    }

    [Test]
    public void The_windows_are_bound_from_the_reporting_section()
    {
        using var services = Services(("Reporting:ResponseWindow", "00:45:00"));
        Assert.That(services.GetRequiredService<KpiOptions>().ResponseWindow, Is.EqualTo(TimeSpan.FromMinutes(45)));
    }

    [Test]
    public void A_window_out_of_range_is_refused_by_name()
    {
        using var services = Services(("Reporting:BaselineHoldBuckets", "0"));
        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<KpiOptions>());
        Assert.That(refused!.Message, Does.Contain("Reporting:BaselineHoldBuckets"));
    }
}
