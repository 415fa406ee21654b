using Crisis.Detection.Detecting;

namespace Crisis.Detection.Tests.Detecting;

public class When_options_are_loaded_from_json
{
    [Test]
    public void The_defaults_round_trip()
    {
        var json = DetectorOptions.Default.ToJson();
        Assert.That(DetectorOptions.FromJson(json), Is.EqualTo(DetectorOptions.Default));
    }

    [Test]
    public void Missing_fields_keep_their_defaults_and_durations_read_as_time()
    {
        var options = DetectorOptions.FromJson("""{ "BucketSize": "00:05:00", "Cooldown": "2.00:00:00", "alertThreshold": 6 }""");
        Assert.That(options.BucketSize, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(options.Cooldown, Is.EqualTo(TimeSpan.FromDays(2)));
        Assert.That(options.AlertThreshold, Is.EqualTo(6));
        Assert.That(options.Persistence, Is.EqualTo(DetectorOptions.Default.Persistence));
        Assert.That(options.Buckets(options.Persistence), Is.EqualTo(2));
    }

    [TestCase("""{ "AlertThreshold": 2 }""", "AlertThreshold")]
    [TestCase("""{ "ReleaseThreshold": 9 }""", "ReleaseThreshold")]
    [TestCase("""{ "BucketSize": "00:07:00" }""", "BucketSize")]
    [TestCase("""{ "SeasonalDays": 0 }""", "SeasonalDays")]
    [TestCase("""{ "DetectionWindow": "-00:15:00" }""", "DetectionWindow")]
    [TestCase("""{ "SeasonalSlot": "00:00:30" }""", "SeasonalSlot")]
    [TestCase("""{ "Martingale": "Sometimes" }""", "Martingale")]
    [TestCase("""{ "AlertThreshold": "high" }""", "AlertThreshold")]
    [TestCase("""{ "AlertTreshold": 5 }""", "AlertTreshold")]
    [TestCase("""{ "PeakQuantile": 1.5 }""", "PeakQuantile")]
    [TestCase("", "(document)")]
    public void An_invalid_field_is_named(string json, string field)
    {
        var error = Assert.Throws<DetectorOptionsException>(() => DetectorOptions.FromJson(json));
        Assert.That(error!.Field, Is.EqualTo(field));
        Assert.That(error.Message, Does.Contain(field));
    }

    [Test]
    public void The_defaults_also_run_hourly_series()
    {
        var hourly = DetectorOptions.Default.WithBucketSize(TimeSpan.FromHours(1));
        Assert.That(hourly.Validate().Buckets(hourly.DetectionWindow), Is.EqualTo(1));
        var detector = new BuzzDetector(hourly);
        for (var hour = 0; hour < 24 * 10; hour++) detector.Observe(SyntheticSeries.Start.AddHours(hour), 50);
        Assert.That(detector.Observe(SyntheticSeries.Start.AddHours(240), 5000).Phase, Is.Not.EqualTo(BuzzPhase.Calm));
    }

    [Test]
    public void Durations_become_bucket_counts_for_any_bucket_size()
    {
        var live = DetectorOptions.Default;
        var historical = live.WithBucketSize(TimeSpan.FromMinutes(5));
        Assert.That(live.Buckets(live.DetectionWindow), Is.EqualTo(15));
        Assert.That(historical.Buckets(historical.DetectionWindow), Is.EqualTo(3));
        Assert.That(historical.Buckets(historical.Cooldown), Is.EqualTo(288));
    }
}

public class When_an_operator_starts_from_the_documented_defaults
{
    [Test]
    public void The_file_in_docs_holds_exactly_the_defaults()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Crisis.sln"))) directory = directory.Parent;
        Assert.That(directory, Is.Not.Null, "repository root (Crisis.sln) not found above the test directory");
        var path = Path.Combine(directory!.FullName, "docs", "detector-options.default.json");
        var documented = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path));
        var defaults = System.Text.Json.Nodes.JsonNode.Parse(DetectorOptions.Default.ToJson());
        Assert.That(System.Text.Json.Nodes.JsonNode.DeepEquals(documented, defaults), Is.True,
            $"regenerate {path} from DetectorOptions.Default.ToJson() after changing a default:\n{DetectorOptions.Default.ToJson()}");
        Assert.That(DetectorOptions.Load(path), Is.EqualTo(DetectorOptions.Default));
    }
}
