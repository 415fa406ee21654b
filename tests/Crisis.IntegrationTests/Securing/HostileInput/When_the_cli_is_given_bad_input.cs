using Crisis.IntegrationTests.Running;
using Spectre.Console.Cli;

namespace Crisis.IntegrationTests.Securing.HostileInput;

/// <summary>The CLI's refusals: one line that says what to do, a non-zero exit, nothing echoed raw, nothing half-written.</summary>
[NonParallelizable]
public class When_the_cli_is_given_bad_input
{
    private string folder = null!;

    [SetUp]
    public void AFolder() => Directory.CreateDirectory(folder = Path.Combine(Path.GetTempPath(), "crisis-cli-bad-" + Guid.NewGuid().ToString("N")[..8]));

    [TearDown]
    public void Clean() => Directory.Delete(folder, recursive: true);

    private static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        var original = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            var app = new CommandApp();
            app.Configure(Crisis.Cli.CrisisCommands.Register);
            return (await app.RunAsync(args), error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [Test]
    public async Task A_store_without_the_schema_says_to_run_db_migrate()
    {
        var (exit, error) = await RunAsync("incidents", "--connection", TestServers.PostgresConnection, "--schema", "never_migrated_" + Guid.NewGuid().ToString("N")[..8]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("crisis db migrate").And.Not.Contain("   at "));
    }

    [Test]
    public async Task A_file_that_is_not_a_model_is_named_and_no_partial_output_stays()
    {
        var model = Path.Combine(folder, "model.zip");
        await File.WriteAllBytesAsync(model, [0x50, 0x4B, 0x03, 0x04, 0xFF, 0x00, 0x1B, 0x5B]);
        var input = Path.Combine(folder, "texts.tsv");
        await File.WriteAllTextAsync(input, "text\nservice nul\n");
        var output = Path.Combine(folder, "scores.tsv");

        var (exit, error) = await RunAsync("score", "--model", model, "--input", input, "--output", output);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("model.zip").And.Contain("is not a negativity model"));
        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "model.zip", "texts.tsv" }));
    }

    [Test]
    public async Task A_binary_mention_file_is_refused_with_its_name_and_line_without_echoing_its_bytes()
    {
        var file = Path.Combine(folder, "mentions.ndjson");
        var bytes = new byte[512];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x1B; bytes[1] = (byte)'['; bytes[2] = (byte)'2'; bytes[3] = (byte)'J';
        await File.WriteAllBytesAsync(file, bytes);

        var (exit, error) = await RunAsync("ingest", file, "--connection", TestServers.PostgresConnection, "--schema", TestServers.Schema);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("mentions.ndjson"));
        Assert.That(error.Where(c => c < 0x20 && c is not '\n' and not '\r' and not '\t'), Is.Empty, "no raw control bytes on the terminal");
    }
}
