using Crisis.Detection.Detecting;
using Crisis.Detection.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crisis.Detection.Tests.Monitoring;

public class When_the_detection_settings_are_bound
{
    // One name for the fixture's tests, which run one at a time; each writes it afresh and the last one's is removed.
    private readonly string file = Path.Combine(Path.GetTempPath(), $"crisis-detector-{Guid.NewGuid():N}.json");

    [OneTimeTearDown]
    public void DeleteFile() => File.Delete(file);

    /// <summary>As the host does: the settings, then the options file as a source, then the bound and validated options.</summary>
    private static MonitorOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        configuration.AddDetectorOptionsFile();
        using var services = new ServiceCollection().AddMonitorOptions(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<MonitorOptions>>().Value;
    }

    [Test]
    public void Without_settings_every_option_takes_its_default() =>
        Assert.That(Bind(), Is.EqualTo(new MonitorOptions()));

    [Test]
    public void The_options_file_reads_as_the_evaluation_tools_write_it()
    {
        var written = DetectorOptions.Default with
        {
            AlertThreshold = 5.5, WarmUp = TimeSpan.FromHours(2), Martingale = MartingaleKind.Mixture, AlertOnEscalation = false, SeasonalDays = 14,
        };
        File.WriteAllText(file, written.ToJson());

        var bound = Bind(("Detection:OptionsFile", file), ("Detection:AllowedLateness", "00:03:00"));

        Assert.Multiple(() =>
        {
            Assert.That(bound.Detector, Is.EqualTo(written));
            Assert.That(bound.Detector, Is.EqualTo(DetectorOptions.Load(file)), "the same options as the file read on its own");
            Assert.That(bound.AllowedLateness, Is.EqualTo(TimeSpan.FromMinutes(3)));
        });
    }

    [Test]
    public void A_single_option_can_be_set_without_a_file() =>
        Assert.That(Bind(("Detection:Detector:AlertThreshold", "6")).Detector, Is.EqualTo(DetectorOptions.Default with { AlertThreshold = 6 }));

    [TestCase("""{ "AlertTreshold": 5 }""", "Detection:Detector:AlertTreshold is not a detector option")]
    [TestCase("""{ "AlertThreshold": 2, "WatchThreshold": 3 }""", "Detection:Detector:AlertThreshold")]
    public void A_wrong_option_in_the_file_is_refused_naming_it_and_the_file(string json, string message)
    {
        File.WriteAllText(file, json);
        var refused = Assert.Throws<OptionsValidationException>(() => Bind(("Detection:OptionsFile", file)));
        Assert.That(refused!.Message, Does.Contain(message).And.Contain($"Detection:OptionsFile {file}"));
    }

    [TestCase("not json")]
    [TestCase(null)]
    public void A_file_that_cannot_be_read_is_refused_naming_the_setting(string? content)
    {
        var path = content is null ? file + ".missing" : file;
        if (content is not null) File.WriteAllText(path, content);
        Assert.That(() => Bind(("Detection:OptionsFile", path)), Throws.InvalidOperationException.With.Message.StartsWith($"Detection:OptionsFile ({path}): "));
    }

    [TestCase("Detection:AllowedLateness", "-00:01:00")]
    [TestCase("Detection:BacklogLag", "00:00:00")]
    [TestCase("Detection:EvidenceBuckets", "0")]
    public void A_monitor_setting_out_of_range_is_refused_naming_it(string setting, string value) =>
        Assert.That(() => Bind((setting, value)), Throws.TypeOf<OptionsValidationException>().With.Message.Contains(setting));
}
