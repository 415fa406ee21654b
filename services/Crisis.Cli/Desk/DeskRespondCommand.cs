using System.ComponentModel;
using System.Text.Json;
using Crisis.Cli.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Desk;

/// <summary>
/// <c>crisis desk respond --answers answers.json --count 5</c>: a scripted responder (the demo's, or a drill's) that
/// takes the queue's first unclaimed conversations and answers each in its language from a file of canned answers:
/// <c>{"ar": "…", "fr": "…", "en": "…", "arabizi": "…", "*": "…"}</c> ("*" for any other language).
/// </summary>
public sealed class DeskRespondCommand : AsyncCommand<DeskRespondCommand.Settings>
{
    public sealed class Settings : ApiSettings
    {
        [CommandOption("--answers <FILE>")]
        [Description("JSON object of canned answers by language code (ar, fr, en, arabizi, * for the rest).")]
        public string Answers { get; init; } = "";

        [CommandOption("--count <N>")]
        [Description("How many conversations to answer (1-200). Default: 5.")]
        public int Count { get; init; } = 5;

        [CommandOption("--brand <ID>")]
        public string? Brand { get; init; }

        [CommandOption("--incident <ID>")]
        public string? Incident { get; init; }

        [CommandOption("--newest")]
        [Description("Answer those who wrote last (a live buzz's) instead of the queue's first: reads the whole queue, up to 10,000.")]
        public bool Newest { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Answers) ? ValidationResult.Error("--answers <FILE> is required")
            : Count is < 1 or > 200 ? ValidationResult.Error("--count must be from 1 to 200")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var answers = await ReadAnswersAsync(settings.Answers, cancellationToken);
        using var api = settings.CreateClient();
        int answered = 0, failed = 0;
        foreach (var row in await PickAsync(api, settings, cancellationToken))
        {
            var id = row.GetProperty("conversationId").GetString()!;
            var language = DeskAnswering.LanguageCodeOf(row);
            if (!answers.TryGetValue(language, out var text) && !answers.TryGetValue("*", out text))
            {
                Console.WriteLine($"[desk] skipped {id}: no canned answer for '{language}'");
                continue;
            }
            try
            {
                // The answer id is the conversation's: a second run of the script sends nothing twice.
                var sent = await DeskAnswering.ClaimAndAnswerAsync(api, id, text, language, $"scripted-{id}", cancellationToken);
                answered++;
                Console.WriteLine($"[desk] answered {id} ({language}){(sent.PublicUrl is null ? "" : " " + sent.PublicUrl)}");
            }
            catch (ApiProblemException e)
            {
                // Someone else claimed it meanwhile, or its publisher failed: the next one is answered all the same.
                failed++;
                Console.WriteLine($"[desk] not answered {id}: {TerminalSafeWriter.Visible(e.Message)}");
            }
        }
        Console.WriteLine($"[desk] {answered} answered, {failed} not answered");
        return failed > 0 ? 2 : 0;
    }

    /// <summary>The queue's first unclaimed conversations, or with --newest the ones waiting the shortest time.</summary>
    private static async Task<IReadOnlyList<JsonElement>> PickAsync(ApiClient api, Settings settings, CancellationToken ct)
    {
        if (!settings.Newest)
        {
            var first = await api.GetAsync(DeskPaths.Queue(settings.Brand, settings.Incident, language: null, unclaimed: true, settings.Count), ct);
            return [.. first.GetProperty("conversations").EnumerateArray()];
        }
        var all = new List<JsonElement>();
        for (var offset = 0; offset <= DeskPaths.MaxOffset; offset += DeskPaths.MaxLimit)
        {
            var page = await api.GetAsync(DeskPaths.Queue(settings.Brand, settings.Incident, language: null, unclaimed: true, DeskPaths.MaxLimit, offset), ct);
            var rows = page.GetProperty("conversations").EnumerateArray().ToList();
            all.AddRange(rows);
            if (rows.Count < DeskPaths.MaxLimit) break;
        }
        return [.. all.OrderBy(r => r.TryGetProperty("waitingMinutes", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetDouble() : double.MaxValue)
            .Take(settings.Count)];
    }

    private static async Task<Dictionary<string, string>> ReadAnswersAsync(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        try
        {
            var answers = await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(file, cancellationToken: ct);
            if (answers is null || answers.Count == 0 || answers.Values.Any(string.IsNullOrWhiteSpace))
                throw new InvalidDataException($"{path}: a JSON object of non-empty answers by language code is expected");
            return answers;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a JSON object of answers by language code ({e.Message})", e);
        }
    }
}
