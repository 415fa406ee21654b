using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Desk;

/// <summary><c>crisis desk kpis</c>: coverage and time to first answer of the desk, overall or for a brand or an incident.</summary>
public sealed class DeskKpisCommand : AsyncCommand<DeskKpisCommand.Settings>
{
    public sealed class Settings : ApiSettings
    {
        [CommandOption("--brand <ID>")]
        public string? Brand { get; init; }

        [CommandOption("--incident <ID>")]
        public string? Incident { get; init; }

        [CommandOption("--json")]
        [Description("Print the API's JSON (with the figures per brand, incident, language, platform and responder).")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var api = settings.CreateClient();
        var report = await api.GetAsync(DeskPaths.Kpis(settings.Brand, settings.Incident), cancellationToken);
        if (settings.Json)
        {
            Console.WriteLine(report.GetRawText());
            return 0;
        }
        var overall = report.GetProperty("report").GetProperty("overall");
        var table = new Table().AddColumns("figure", "value");
        table.AddRow("conversations", Number(overall, "conversations"));
        table.AddRow("answered", Number(overall, "answered"));
        table.AddRow("answer coverage", Percent(overall, "coverage"));
        table.AddRow("first answer, median", Minutes(overall, "medianMinutesToFirstAnswer"));
        table.AddRow("first answer, p90", Minutes(overall, "p90MinutesToFirstAnswer"));
        table.AddRow("waiting now", Number(overall, "waiting"));
        table.AddRow("unanswered after 24 h", Number(overall, "unansweredAfter24Hours"));
        table.AddRow("unanswered after 72 h", Number(overall, "unansweredAfter72Hours"));
        table.AddRow("handed over", Number(overall, "handedOver"));
        table.AddRow("no answer needed", Number(overall, "noAnswerNeeded"));
        table.AddRow("negative share, before → after the answer", NegativeShare(overall));
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>"80 % → 20 % (−60 points)", or why there is no figure (docs/response-desk.md, "KPIs").</summary>
    private static string NegativeShare(JsonElement figures)
    {
        if (!figures.TryGetProperty("negativeShare", out var move) || move.ValueKind != JsonValueKind.Object) return "–";
        if (!move.TryGetProperty("enoughData", out var enough) || !enough.GetBoolean())
            return $"not enough data ({Number(move, "postsBefore")} posts before, {Number(move, "postsAfter")} after)";
        var points = Math.Round(move.GetProperty("change").GetDouble() * 100, 1);
        return $"{Percent(move, "shareBefore")} → {Percent(move, "shareAfter")} ({(points > 0 ? "+" : "")}{points.ToString("0.#", CultureInfo.InvariantCulture)} points)";
    }

    private static string Number(JsonElement figures, string name) =>
        figures.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64().ToString(CultureInfo.InvariantCulture) : "–";

    private static string Percent(JsonElement figures, string name) =>
        figures.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? (value.GetDouble() * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Minutes(JsonElement figures, string name) =>
        figures.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble().ToString("0.#", CultureInfo.InvariantCulture) + " min" : "–";
}
