using System.Globalization;
using System.Text.Json;
using Crisis.IntegrationTests.Running;
using Spectre.Console.Cli;

namespace Crisis.IntegrationTests.Streaming;

/// <summary><c>crisis stream --all-at-once</c>: an import sends every mention now, and says so, without a pacing line.</summary>
[NonParallelizable]
public class When_everything_is_streamed_at_once : IntegrationSpec
{
    [Test]
    public async Task Every_mention_is_sent_now_and_no_pacing_is_announced()
    {
        await RegisterBrandAsync("importco");
        var file = Path.Combine(Path.GetTempPath(), $"crisis-all-at-once-{Guid.NewGuid():N}.ndjson");
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 30).Select(i => JsonSerializer.Serialize(new
        {
            platform = "x", postId = "import-" + i.ToString(CultureInfo.InvariantCulture), brandId = "importco", author = new { handle = "someone" },
            text = "Toujours pas de réponse du service client", publishedAt = start.AddMinutes(5 * i).ToString("O", CultureInfo.InvariantCulture),
        })));
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        int exit;
        try
        {
            var app = new CommandApp();
            app.Configure(Crisis.Cli.CrisisCommands.Register);
            exit = await app.RunAsync(["stream", "--input", file, "--url", Host.BaseAddress.ToString(), "--all-at-once",
                "--token", TestTokens.Issue()]);
        }
        finally
        {
            Console.SetOut(original);
            File.Delete(file);
        }

        Assert.That(exit, Is.Zero, output.ToString());
        Assert.That(output.ToString(), Does.Contain("30 accepted").And.Not.Contain("pacing"));
        Assert.That(await MentionKeysAsync(), Is.EqualTo(30));
    }
}
