using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Desk;

/// <summary>
/// <c>crisis desk</c> is a client of the host's API like the dashboard: the scripted responder of the demo answers the
/// queue's first conversations in their languages through the desk's publisher, and a refusal is one line and exit 1.
/// </summary>
public class When_the_desk_is_worked_from_the_command_line : DeskSpec
{
    private const string Brand = "deskcli";
    private string run = "";
    private string answers = "";

    [SetUp]
    public async Task RegisterBrandAndWriteAnswersAsync()
    {
        run = Guid.NewGuid().ToString("N")[..8];
        await RegisterAsync(Brand);
        answers = Path.Combine(Path.GetTempPath(), $"desk-answers-{run}.json");
        await File.WriteAllTextAsync(answers, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["fr"] = $"Nous regardons cela {run}",
            ["en"] = $"We are on it {run}",
        }));
    }

    [TearDown]
    public void RemoveAnswers() => File.Delete(answers);

    private static Task<int> RunDeskCliAsync(string name, params string[] args)
    {
        var app = new Spectre.Console.Cli.CommandApp();
        app.Configure(Crisis.Cli.CrisisCommands.Register);
        return app.RunAsync([.. args, "--url", Desk.BaseAddress.ToString(), "--token", TestTokens.Issue(Working, name, ["responder"])]);
    }

    [Test]
    public async Task The_scripted_responder_answers_the_first_people_waiting_each_in_their_language()
    {
        await IngestAsync(Working,
            Post(Brand, $"fr-{run}", "Pourquoi ma commande n'est toujours pas arrivée ?", followers: 90_000, handle: "amina_dz"),
            Post(Brand, $"en-{run}", "Why is my order still not here? Worst service ever", followers: 50_000, handle: "sam"),
            Post(Brand, $"en2-{run}", "Still waiting for a refund, is anyone there?", handle: "lea"));
        var queued = await EventuallyQueuedAsync(Brand, 3);
        var firstTwo = queued.EnumerateArray().Take(2).Select(c => c.GetProperty("conversationId").GetString()!).ToArray();

        var exit = await RunDeskCliAsync("script", "desk", "respond", "--answers", answers, "--count", "2", "--brand", Brand);

        Assert.That(exit, Is.Zero);
        foreach (var id in firstTwo)
        {
            var conversation = await ConversationAsync(id);
            var language = conversation.GetProperty("conversation").GetProperty("language").GetString();
            var answer = conversation.GetProperty("answers")[0];
            Assert.That(answer.GetProperty("language").GetString(), Is.EqualTo(language == "french" ? "fr" : "en"), id);
            Assert.That(answer.GetProperty("sentBy").GetString(), Is.EqualTo("script"));
            var expected = language == "french" ? $"Nous regardons cela {run}" : $"We are on it {run}";
            Assert.That(Receivers.Received.Count(r => r.Body.Contains(expected, StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1), $"{id} answered with '{expected}'");
        }
        Assert.That(Receivers.Received.Count(r => r.Body.Contains(run, StringComparison.Ordinal)), Is.EqualTo(2), "two answers published, no more");
        Assert.That((await QueueAsync($"?brandId={Brand}")).GetArrayLength(), Is.EqualTo(1), "the third still waits");

        Assert.That(await RunDeskCliAsync("script", "desk", "respond", "--answers", answers, "--count", "2", "--brand", Brand), Is.Zero,
            "a second run answers the one left");
        Assert.That(Receivers.Received.Count(r => r.Body.Contains(run, StringComparison.Ordinal)), Is.EqualTo(3));
    }

    [Test]
    public async Task With_newest_the_scripted_responder_answers_who_wrote_last_not_who_waited_longest()
    {
        var old = Post(Brand, $"old-{run}", "Pourquoi ma commande n'est toujours pas arrivée ?", followers: 500_000, handle: "old_timer");
        old["publishedAt"] = DateTimeOffset.UtcNow.AddHours(-20).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        await IngestAsync(Working, old, Post(Brand, $"new-{run}", "Why is my order still not here? Worst service ever", handle: "sam"));
        var queued = await EventuallyQueuedAsync(Brand, 2);
        Assert.That(queued[0].GetProperty("author").GetString(), Is.Not.EqualTo("sam"), "the queue puts the long wait first");

        Assert.That(await RunDeskCliAsync("script", "desk", "respond", "--answers", answers, "--count", "1", "--newest", "--brand", Brand), Is.Zero);

        var waiting = await QueueAsync($"?brandId={Brand}");
        Assert.That(waiting.GetArrayLength(), Is.EqualTo(1));
        Assert.That(waiting[0].GetProperty("latestText").GetString(), Does.StartWith("Pourquoi"), "the newest post was answered, the old one waits");
    }

    [Test]
    public async Task Answering_a_conversation_that_is_not_there_exits_1_and_sends_nothing()
    {
        var before = Receivers.Received.Count;

        var exit = await RunDeskCliAsync("alice", "desk", "answer", $"missing-{run}", "--text", "Bonjour");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(Receivers.Received.Count, Is.EqualTo(before));
    }

    [Test]
    public async Task A_file_of_answers_that_is_not_json_exits_1_before_anything_is_claimed()
    {
        await IngestAsync(Working, Post(Brand, $"q-{run}", "Pourquoi ma commande n'est toujours pas arrivée ?"));
        await EventuallyQueuedAsync(Brand, 1);
        await File.WriteAllTextAsync(answers, "fr: nous regardons");

        var exit = await RunDeskCliAsync("script", "desk", "respond", "--answers", answers, "--brand", Brand);

        Assert.That(exit, Is.EqualTo(1));
        var waiting = await QueueAsync($"?brandId={Brand}");
        Assert.That(waiting[0].GetProperty("claimedBy").ValueKind, Is.EqualTo(JsonValueKind.Null), "nothing was claimed");
    }
}
