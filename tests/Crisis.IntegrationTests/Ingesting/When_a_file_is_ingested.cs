using Crisis.IntegrationTests.Running;
using static Crisis.IntegrationTests.Running.SyntheticMentions;

namespace Crisis.IntegrationTests.Ingesting;

[NonParallelizable]
public class When_a_file_is_ingested : IntegrationSpec
{
    private string directory = null!;

    [SetUp]
    public void MakeDirectory() => directory = Directory.CreateTempSubdirectory("crisis-ingest-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(directory, recursive: true);


    [Test]
    public async Task Running_the_same_ndjson_file_twice_stores_it_once()
    {
        await RegisterBrandAsync("acme");
        var file = Path.Combine(directory, "mentions.ndjson");
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        await File.WriteAllTextAsync(file, Ndjson(Enumerable.Range(1, 1200).Select(i => Mention("acme", $"f{i}", at.AddSeconds(i)))));

        var first = await RunCliAsync("ingest", file, "--chunk-size", "500");
        var second = await RunCliAsync("ingest", file);

        Assert.That((first, second), Is.EqualTo((0, 0)));
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(1200));
    }

    [Test]
    public async Task A_csv_with_a_bad_row_stores_the_rest_and_exits_with_2()
    {
        var file = await CsvWithABadRowAsync();

        var exit = await RunCliAsync("ingest", file);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task Its_figures_read_as_json_alone_on_standard_output_and_the_rejections_on_standard_error()
    {
        var file = await CsvWithABadRowAsync();

        var (exit, json, error) = await RunCliCapturedAsync("ingest", file, "--output", "json");

        Assert.That(exit, Is.EqualTo(2), error);
        var figures = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(figures.GetProperty("stored").GetInt64(), Is.EqualTo(2));
            Assert.That(figures.GetProperty("alreadyKnown").GetInt64(), Is.Zero);
            Assert.That(figures.GetProperty("rejected").GetInt64(), Is.EqualTo(1));
            Assert.That(error, Does.Contain("mentions.csv:"), "the rejected row, named");
        });
    }

    [Test]
    public async Task An_unknown_format_is_refused_naming_the_option()
    {
        var (exit, _, error) = await RunCliCapturedAsync("ingest", Path.Combine(directory, "absent.ndjson"), "--output", "html");

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("--output").And.Contain("table, json or csv"));
    }

    /// <summary>Three rows of acme's, the second with followers that are not a number.</summary>
    private async Task<string> CsvWithABadRowAsync()
    {
        await RegisterBrandAsync("acme");
        var file = Path.Combine(directory, "mentions.csv");
        var at = DateTimeOffset.UtcNow.AddHours(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(file,
            "platform,post_id,brand_id,author_handle,author_followers,text,published_at\n" +
            $"forum,c1,acme,bob,10,\"Acme, encore une panne\",{at}\n" +
            $"forum,c2,acme,eve,many,\"عطل مرة أخرى\",{at}\n" +
            $"review,c3,acme,al,,\"3lach had l'panne?\",{at}\n");
        return file;
    }

    [Test]
    public async Task A_missing_file_exits_with_1()
    {
        Assert.That(await RunCliAsync("ingest", Path.Combine(directory, "absent.ndjson")), Is.EqualTo(1));
    }
}
