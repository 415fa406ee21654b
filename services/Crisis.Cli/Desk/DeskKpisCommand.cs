using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Crisis.Cli.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using static Crisis.Cli.Desk.ApiValues;

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

        [CommandOption("--output <FORMAT>")]
        [Description("table (default: the overall figures), json or csv (one row per scope: overall, then each brand, incident, language, platform and responder), for scripts.")]
        public string Output { get; init; } = "table";

        [CommandOption("--json")]
        [Description("Print the API's JSON as it is (with the window and the handover outcomes).")]
        public bool Json { get; init; }

        public OutputFormat Format => OutputOption.Parse(Output);

        public override ValidationResult Validate() => OutputOption.Check(Output) ?? base.Validate();
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
        var kpis = report.GetProperty("report");
        if (settings.Format != OutputFormat.Table)
        {
            DeskKpiRows.Of(kpis).Write(settings.Format, Console.Out);
            return 0;
        }
        var overall = kpis.GetProperty("overall");
        new OutputTable(new("figure", "figure"), new("value", "value"))
            .Add("conversations", Count(overall, "conversations"))
            .Add("answered", Count(overall, "answered"))
            .Add("answer coverage", Percent(Number(overall, "coverage")))
            .Add("first answer, median", Minutes(Number(overall, "medianMinutesToFirstAnswer")))
            .Add("first answer, p90", Minutes(Number(overall, "p90MinutesToFirstAnswer")))
            .Add("waiting now", Count(overall, "waiting"))
            .Add("unanswered after 24 h", Count(overall, "unansweredAfter24Hours"))
            .Add("unanswered after 72 h", Count(overall, "unansweredAfter72Hours"))
            .Add("handed over", Count(overall, "handedOver"))
            .Add("no answer needed", Count(overall, "noAnswerNeeded"))
            .Add("negative share, before → after the answer", NegativeShare(overall))
            .Write(OutputFormat.Table, Console.Out);
        return 0;
    }

    /// <summary>"80 % → 20 % (−60 points)", or why there is no figure (docs/response-desk.md, "KPIs").</summary>
    private static string NegativeShare(JsonElement figures)
    {
        if (!figures.TryGetProperty("negativeShare", out var move) || move.ValueKind != JsonValueKind.Object) return "–";
        if (Flag(move, "enoughData") != true)
            return string.Create(CultureInfo.InvariantCulture, $"not enough data ({Count(move, "postsBefore")} posts before, {Count(move, "postsAfter")} after)");
        var points = Math.Round((Number(move, "change") ?? 0) * 100, 1);
        return $"{Percent(Number(move, "shareBefore"))} → {Percent(Number(move, "shareAfter"))} ({(points > 0 ? "+" : "")}{points.ToString("0.#", CultureInfo.InvariantCulture)} points)";
    }

    private static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Minutes(double? minutes) => minutes is { } m ? m.ToString("0.#", CultureInfo.InvariantCulture) + " min" : "–";
}
