using System.Text.Json;
using Crisis.Cli.Hosting;
using static Crisis.Cli.Desk.ApiValues;

namespace Crisis.Cli.Desk;

/// <summary>
/// The desk's figures as rows for scripts: the overall figures (scope <c>overall</c>, no key), then one row per brand,
/// incident, language, platform and responder, in the API's order. Shares are fractions, durations minutes.
/// </summary>
internal static class DeskKpiRows
{
    private static readonly string[] Figures = ["conversations", "answered", "handedOver", "noAnswerNeeded", "waiting", "coverage",
        "medianMinutesToFirstAnswer", "p90MinutesToFirstAnswer", "unansweredAfter24Hours", "unansweredAfter72Hours"];

    private static readonly string[] Shares = ["shareBefore", "shareAfter", "change", "postsBefore", "postsAfter"];

    public static OutputTable Of(JsonElement report)
    {
        var columns = new List<OutputColumn> { new("scope", "scope"), new("key", "key") };
        columns.AddRange(Figures.Select(f => new OutputColumn(f, f)));
        columns.AddRange(Shares.Select(s => "negative" + char.ToUpperInvariant(s[0]) + s[1..]).Select(n => new OutputColumn(n, n)));
        var table = new OutputTable([.. columns]);
        Add(table, "overall", null, report.GetProperty("overall"));
        if (report.TryGetProperty("by", out var by) && by.ValueKind == JsonValueKind.Object)
        {
            foreach (var scope in by.EnumerateObject())
                foreach (var group in scope.Value.EnumerateObject()) Add(table, scope.Name, group.Name, group.Value);
        }
        return table;
    }

    private static void Add(OutputTable table, string scope, string? key, JsonElement figures)
    {
        var move = figures.TryGetProperty("negativeShare", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var row = new List<object?> { scope, key };
        row.AddRange(Figures.Select(f => f.Contains("Minutes", StringComparison.Ordinal) || f == "coverage" ? (object?)Number(figures, f) : Count(figures, f)));
        row.AddRange(Shares.Select(s => move.ValueKind != JsonValueKind.Object ? null : s.StartsWith("posts", StringComparison.Ordinal) ? (object?)Count(move, s) : Number(move, s)));
        table.Add([.. row]);
    }
}
