namespace Crisis.IntegrationTests.Detecting;

/// <summary><c>crisis evaluate --scenarios</c>: generated streams with truth, run in process (no server needed).</summary>
public class When_scenarios_are_evaluated_from_the_command_line
{
    private string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("crisis-scenarios-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    private static Task<int> Crisis(params string[] args)
    {
        var app = new Spectre.Console.Cli.CommandApp();
        app.Configure(global::Crisis.Cli.CrisisCommands.Register);
        return app.RunAsync(args);
    }

    private string Texts(string rows)
    {
        var path = Path.Combine(directory, "texts.tsv");
        File.WriteAllText(path, "text\tlabel3\n" + rows);
        return path;
    }

    private const string EveryLabel =
        "Atlas a perdu mes bagages, honteux\tnegative\nWorst airline ever, never again\tnegative\n" +
        "Atlas annonce de nouveaux horaires\tneutral\nAnyone flying Atlas next week?\tneutral\n" +
        "Merci Atlas, vol parfait\tpositive\nLove the new Atlas lounge\tpositive\n";

    [Test]
    public async Task One_stream_of_every_kind_gives_a_report_of_every_kind_and_a_line_per_stream()
    {
        var report = Path.Combine(directory, "report.md");
        var output = Path.Combine(directory, "streams.csv");

        var exit = await Crisis("evaluate", "--scenarios", "1-7", "--texts", Texts(EveryLabel), "--report", report, "--output", output);

        Assert.That(exit, Is.EqualTo(0));
        var text = await File.ReadAllTextAsync(report);
        foreach (var kind in Enum.GetNames<Crisis.Detection.Evaluating.Scenarios.ScenarioKind>())
            Assert.That(text, Does.Contain($"| {kind} | 1 |"));
        Assert.That(await File.ReadAllLinesAsync(output), Has.Length.EqualTo(8));
    }

    [TestCase("abc")]
    [TestCase("5-1")]
    [TestCase("1-2,x")]
    [TestCase("99999999999")]
    public async Task A_seed_list_that_is_not_one_exits_with_1(string seeds) =>
        Assert.That(await Crisis("evaluate", "--scenarios", seeds), Is.EqualTo(1));

    [Test]
    public async Task Texts_without_every_label_exit_with_1() =>
        Assert.That(await Crisis("evaluate", "--scenarios", "1", "--texts", Texts("only complaints\tnegative\n")), Is.EqualTo(1));

    [Test]
    public async Task Texts_with_an_unknown_label_exit_with_1() =>
        Assert.That(await Crisis("evaluate", "--scenarios", "1", "--texts", Texts(EveryLabel + "furious\tangry\n")), Is.EqualTo(1));

    [Test]
    public async Task A_report_that_cannot_be_written_exits_with_1() =>
        Assert.That(await Crisis("evaluate", "--scenarios", "1", "--texts", Texts(EveryLabel), "--report", Path.Combine(directory, "absent", "r.md")), Is.EqualTo(1));
}
