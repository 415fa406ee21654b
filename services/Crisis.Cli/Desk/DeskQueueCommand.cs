using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Crisis.Cli.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Desk;

/// <summary><c>crisis desk queue</c>: the conversations waiting for an answer, in the desk's priority order.</summary>
public sealed class DeskQueueCommand : AsyncCommand<DeskQueueCommand.Settings>
{
    public sealed class Settings : ApiSettings
    {
        [CommandOption("--brand <ID>")]
        public string? Brand { get; init; }

        [CommandOption("--incident <ID>")]
        public string? Incident { get; init; }

        [CommandOption("--language <LANG>")]
        [Description("arabic, arabizi, french, english…")]
        public string? Language { get; init; }

        [CommandOption("--unclaimed")]
        [Description("Only conversations nobody holds.")]
        public bool Unclaimed { get; init; }

        [CommandOption("--limit <N>")]
        [Description("At most this many rows (1-200). Default: 20.")]
        public int Limit { get; init; } = 20;

        [CommandOption("--json")]
        [Description("Print the API's JSON instead of a table, for scripts.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Limit is < 1 or > 200 ? ValidationResult.Error("--limit must be from 1 to 200") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var api = settings.CreateClient();
        var page = await api.GetAsync(DeskPaths.Queue(settings.Brand, settings.Incident, settings.Language, settings.Unclaimed, settings.Limit), cancellationToken);
        if (settings.Json)
        {
            Console.WriteLine(page.GetRawText());
            return 0;
        }
        var rows = page.GetProperty("conversations").EnumerateArray().ToList();
        if (rows.Count == 0)
        {
            Console.WriteLine("Nobody is waiting for an answer.");
            return 0;
        }
        var table = new Table().AddColumns("conversation", "brand", "language", "platform", "waiting", "priority", "claimed by", "why", "latest post");
        foreach (var row in rows) table.AddRow([.. Cells(row).Select(c => Markup.Escape(TerminalSafeWriter.Visible(c)))]);
        AnsiConsole.Write(table);
        return 0;
    }

    private static IEnumerable<string> Cells(JsonElement row)
    {
        yield return Text(row, "conversationId");
        yield return Text(row, "brandId");
        yield return Text(row, "language");
        yield return Text(row, "platform");
        yield return row.TryGetProperty("waitingMinutes", out var waiting) && waiting.ValueKind == JsonValueKind.Number
            ? string.Create(CultureInfo.InvariantCulture, $"{waiting.GetDouble():0} min") : "";
        yield return row.TryGetProperty("priority", out var priority) && priority.ValueKind == JsonValueKind.Number
            ? priority.GetDouble().ToString("0.00", CultureInfo.InvariantCulture) : "";
        yield return Text(row, "claimedBy");
        yield return row.TryGetProperty("reasons", out var reasons) ? string.Join(", ", reasons.EnumerateArray().Select(r => r.GetString())) : "";
        var latest = Text(row, "latestText").ReplaceLineEndings(" ");
        yield return latest.Length > 60 ? latest[..59] + "…" : latest;
    }

    private static string Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
