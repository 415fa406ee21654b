using Crisis.Cli;
using NUnit.Framework;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.IntegrationTests.Scoring;

/// <summary>`crisis score` run in-process on files written by the test; needs no server.</summary>
public class When_scoring_a_file_of_mentions
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("crisis-score-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task It_writes_one_row_per_tsv_row_in_input_order()
    {
        var input = Write("mentions.tsv", "id\ttext\n1\tworst service ever, I want my money back\n2\tmerci, super service\n3\t😡😡\n4\thttps://example.com/a\n");

        var (exitCode, rows) = await Score(input);

        Assert.That(exitCode, Is.Zero);
        Assert.That(rows, Has.Length.EqualTo(5));
        Assert.That(rows[0], Is.EqualTo("language\tprobability\tnegative"));
        Assert.That(rows[1], Does.StartWith("english\t").And.EndWith("\t1"));
        Assert.That(rows[2], Does.StartWith("french\t").And.EndWith("\t0"));
        // Since issue 17 an emoji-only post is scored (the moods of its emoji); a bare link still has no signal.
        Assert.That(rows[3], Does.StartWith("unknown\t").And.EndWith("\t1"));
        Assert.That(rows[4], Is.EqualTo("unknown\t\t"));
    }

    [Test]
    public async Task It_reads_ndjson_objects_with_a_text_field()
    {
        var input = Write("mentions.ndjson", "{\"text\":\"خدمة سيئة جدا\",\"id\":1}\n\n{\"text\":null}\n");

        var (exitCode, rows) = await Score(input);

        Assert.That(exitCode, Is.Zero);
        Assert.That(rows, Has.Length.EqualTo(3));
        Assert.That(rows[1], Does.StartWith("arabic\t").And.EndWith("\t1"));
        Assert.That(rows[2], Is.EqualTo("unknown\t\t"));
    }

    [Test]
    public async Task Its_summary_reads_as_json_alone_on_standard_output()
    {
        var input = Write("mentions.tsv", "id\ttext\n1\tworst service ever, I want my money back\n2\tterrible, never again\n3\tmerci, super service\n4\thttps://example.com/a\n");

        var (exit, json, error) = await Running.CapturedCli.RunAsync("score", "--input", input, "--output", Output, "--summary", "json");

        Assert.That(exit, Is.Zero, error);
        var languages = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().ToDictionary(l => l.GetProperty("language").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(languages["english"].GetProperty("mentions").GetInt64(), Is.EqualTo(2));
            Assert.That(languages["english"].GetProperty("negative").GetInt64(), Is.EqualTo(2));
            Assert.That(languages["french"].GetProperty("negative").GetInt64(), Is.Zero);
            Assert.That(languages["unknown"].GetProperty("scored").GetInt64(), Is.Zero, "a bare link has nothing to score");
            Assert.That(error, Does.Contain("Scored 4 mentions into"));
            Assert.That(File.Exists(Output), Is.True);
        });
    }

    [Test]
    public async Task An_unknown_summary_format_is_refused_naming_the_option()
    {
        var input = Write("mentions.tsv", "id\ttext\n1\tfine\n");

        var (exit, _, error) = await Running.CapturedCli.RunAsync("score", "--input", input, "--output", Output, "--summary", "xml");

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("--summary: 'xml' must be table, json or csv"));
        Assert.That(File.Exists(Output), Is.False);
    }

    [TestCase("mentions.ndjson", "{\"text\":\"fine\"}\n{\"body\":\"no text\"}\n", "mentions.ndjson:2")]
    [TestCase("mentions.ndjson", "{\"text\":\"fine\"}\nnot json\n", "mentions.ndjson:2")]
    [TestCase("mentions.ndjson", "{\"text\":42}\n", "mentions.ndjson:1")]
    [TestCase("mentions.tsv", "id\tbody\n1\thello\n", "mentions.tsv:1")]
    [TestCase("mentions.tsv", "id\ttext\n1\thello\n2\n", "mentions.tsv:3")]
    public async Task It_fails_naming_the_bad_line_and_writes_no_output(string name, string content, string expectedLocation)
    {
        var input = Write(name, content);
        using var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int exitCode;
        try
        {
            exitCode = await Run(input);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(File.Exists(Output), Is.False);
        Assert.That(error.ToString(), Does.Contain(expectedLocation));
    }

    private string Output => Path.Combine(folder, "scores.tsv");

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<(int ExitCode, string[] Rows)> Score(string input)
    {
        var exitCode = await Run(input);
        return (exitCode, File.Exists(Output) ? await File.ReadAllLinesAsync(Output) : []);
    }

    private Task<int> Run(string input)
    {
        var app = new CommandApp();
        app.Configure(CrisisCommands.Register);
        return app.RunAsync(["score", "--input", input, "--output", Output]);
    }
}
