using System.Globalization;
using System.Net;
using System.Text.Json;
using Crisis.IntegrationTests.Running;
using Spectre.Console;

namespace Crisis.IntegrationTests.Desk;

/// <summary>
/// Per incident, how the negative share of the answered conversations moved after the answer: in <c>GET /api/desk/kpis</c>,
/// in <c>crisis desk kpis</c> and in the incident's report, from posts that went through the real intake.
/// </summary>
public class When_the_mood_after_answers_is_measured : DeskSpec
{
    private string brand = "";

    [SetUp]
    public Task RegisterBrandAsync()
    {
        // A brand per test: an open incident puts every post of its brand in the queue, attributed to it.
        brand = $"deskmood{Guid.NewGuid():N}"[..16];
        return RegisterAsync(brand);
    }

    [Test]
    public async Task The_kpis_and_the_report_compare_the_threads_posts_before_the_first_answer_with_those_after_it()
    {
        var (opened, incidentBody) = await SendAsync(HttpMethod.Post, "/api/incidents", new { brandId = brand, title = "Colis perdus", severity = 6 }, roles: "incident-lead");
        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.Created), incidentBody.ToString());
        var incident = incidentBody.GetProperty("incidentId").GetString()!;
        // Five angry posts in one thread, answered once, then five calm replies in the same thread.
        await IngestAsync(Working, Post(brand, $"{brand}-root", "Worst service ever, my parcel is lost and nobody cares", sentiment: "negative", handle: "karim_dz"));
        var id = (await EventuallyQueuedAsync(brand, 1))[0].GetProperty("conversationId").GetString()!;
        string[] angry = ["C'est la honte, service nul, je suis furieux", "خدمة سيئة جدا، لا أحد يجيب", "Terrible, awful service, I hate this brand",
            "Scandaleux, toujours aucun remboursement, arnaque"];
        await IngestAsync(Working, [.. angry.Select((text, i) =>
            Post(brand, $"{brand}-angry{i}", text, replyTo: $"{brand}-root", sentiment: "negative", handle: $"voisin{i}"))]);
        await ThreadOfAsync(id, 5);
        await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { });
        var (answered, answer) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers", new { text = "Nous retrouvons votre colis aujourd'hui.", language = "fr" });
        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer.ToString());

        var tooEarly = await NegativeShareAsync(incident);
        Assert.Multiple(() =>
        {
            Assert.That(tooEarly.GetProperty("enoughData").GetBoolean(), Is.False, "nothing was written after the answer yet");
            Assert.That(tooEarly.GetProperty("postsBefore").GetInt32(), Is.EqualTo(5));
            Assert.That(tooEarly.GetProperty("change").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
        Assert.That(await ReportAsync(incident), Does.Contain("not enough data (5 scored posts before the first answers, 0 after them"));

        // Published after the answer (which was sent before this line): the thread calms down.
        string[] calm = ["Merci pour la réponse rapide", "Merci pour la réponse rapide, c'est réglé", "Reçu aujourd'hui, merci pour la réponse rapide",
            "Thank you for the quick answer", "Merci beaucoup pour votre aide"];
        var afterAnswer = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        await IngestAsync(Working, [.. calm.Select((text, i) =>
        {
            var reply = Post(brand, $"{brand}-calm{i}", text, replyTo: $"{brand}-root", sentiment: "positive", handle: $"voisin{i}");
            reply["publishedAt"] = afterAnswer;
            return reply;
        })]);
        var thread = (await ThreadOfAsync(id, 10)).GetProperty("thread").EnumerateArray().ToList();
        // The scorer, not the upstream label, decides on this platform: the expected share is what it said of the calm posts.
        bool Calm(JsonElement post) => post.GetProperty("postId").GetString()!.Contains("-calm", StringComparison.Ordinal);
        bool Negative(JsonElement post) => post.GetProperty("isNegative").ValueKind == JsonValueKind.True;
        Assert.That(thread.All(p => p.GetProperty("isNegative").ValueKind is JsonValueKind.True or JsonValueKind.False), Is.True, "every post was scored");
        var shareBefore = thread.Count(p => !Calm(p) && Negative(p)) / 5.0;
        var shareAfter = thread.Count(p => Calm(p) && Negative(p)) / 5.0;
        Assert.That(shareBefore, Is.GreaterThan(shareAfter), "the scorer found the angry posts angrier than the calm ones");

        var move = await NegativeShareAsync(incident);
        Assert.Multiple(() =>
        {
            Assert.That(move.GetProperty("enoughData").GetBoolean(), Is.True);
            Assert.That(move.GetProperty("conversations").GetInt32(), Is.EqualTo(1));
            Assert.That((move.GetProperty("postsBefore").GetInt32(), move.GetProperty("postsAfter").GetInt32()), Is.EqualTo((5, 5)));
            Assert.That(move.GetProperty("shareBefore").GetDouble(), Is.EqualTo(shareBefore));
            Assert.That(move.GetProperty("shareAfter").GetDouble(), Is.EqualTo(shareAfter));
            Assert.That(move.GetProperty("change").GetDouble(), Is.EqualTo(shareAfter - shareBefore).Within(1e-9));
        });
        var points = Math.Round((shareAfter - shareBefore) * 100, 1).ToString("0.#", CultureInfo.InvariantCulture);
        static string Share(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);
        static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
        Assert.That(await ReportAsync(incident),
            Does.Contain($"{Share(shareBefore)} of 5 posts before the first answer, {Share(shareAfter)} of 5 after it ({points} points, over 1 answered conversations)"));
        Assert.That(await CliKpisAsync(incident), Does.Contain($"{Percent(shareBefore)} → {Percent(shareAfter)} ({points} points)"));
    }

    private static Task<JsonElement> ThreadOfAsync(string id, int posts) =>
        Eventually.ReturnsAsync(() => ConversationAsync(id), c => c.GetProperty("thread").GetArrayLength() == posts,
            timeout: TimeSpan.FromSeconds(45), because: $"{posts} posts in the thread");

    private static async Task<JsonElement> NegativeShareAsync(string incident)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, $"/api/desk/kpis?incidentId={incident}", roles: "viewer");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var perIncident = body.GetProperty("report").GetProperty("by").GetProperty("incident").GetProperty(incident).GetProperty("negativeShare");
        Assert.That(perIncident.ToString(), Is.EqualTo(body.GetProperty("report").GetProperty("overall").GetProperty("negativeShare").ToString()),
            "narrowed to the incident, the overall figure is the incident's");
        return perIncident;
    }

    private static async Task<string> ReportAsync(string incident)
    {
        using var client = Desk.ClientFor(Working, "viewer-1", "viewer");
        return await client.GetStringAsync(new Uri($"/api/incidents/{incident}/report", UriKind.Relative));
    }

    /// <summary>What <c>crisis desk kpis --incident</c> prints, through the host's API like any client.</summary>
    private static async Task<string> CliKpisAsync(string incident)
    {
        var printed = new StringWriter();
        var console = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(printed), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        // Wide enough that no cell wraps: the spec reads the figure on one line.
        AnsiConsole.Console.Profile.Width = 240;
        try
        {
            var app = new Spectre.Console.Cli.CommandApp();
            app.Configure(Crisis.Cli.CrisisCommands.Register);
            var exit = await app.RunAsync(["desk", "kpis", "--incident", incident, "--url", Desk.BaseAddress.ToString(), "--token", TestTokens.Issue(Working, "viewer-1", ["viewer"])]);
            Assert.That(exit, Is.Zero, printed.ToString());
        }
        finally
        {
            AnsiConsole.Console = console;
        }
        return printed.ToString();
    }
}
