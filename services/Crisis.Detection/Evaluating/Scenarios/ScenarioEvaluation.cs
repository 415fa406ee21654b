using System.Globalization;
using System.Text;
using Crisis.Detection.Monitoring;

namespace Crisis.Detection.Evaluating.Scenarios;

/// <summary>
/// Generates and plays a range of seeds and sums up, per kind, what a crisis cell would have lived through: minutes from
/// the true onset to the page (median, p90), missed episodes, incidents per episode, pages for campaigns and spikes, and
/// false pages per brand-month.
/// </summary>
public sealed class ScenarioEvaluation
{
    private const double DaysPerMonth = 30;

    public required IReadOnlyList<ScenarioOutcome> Outcomes { get; init; }

    public required string Seeds { get; init; }

    public required string Texts { get; init; }

    public static ScenarioEvaluation Run(ScenarioTextPool texts, IEnumerable<int> seeds, MonitorOptions options, int parallelism = 1)
    {
        var generator = new ScenarioGenerator(texts);
        var list = seeds.ToArray();
        var outcomes = new ScenarioOutcome[list.Length];
        Parallel.For(0, list.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) },
            i => outcomes[i] = ScenarioRun.Play(generator.Generate(list[i]), options));
        return new ScenarioEvaluation { Outcomes = outcomes, Seeds = Describe(list), Texts = texts.Source };
    }

    public IEnumerable<ScenarioOutcome> Of(ScenarioKind kind) => Outcomes.Where(o => o.Stream.Kind == kind);

    /// <summary>Episodes of the kinds that must page which did not page.</summary>
    public int Missed(ScenarioKind kind) => Of(kind).Count(o => o.TimeToPage is null);

    public double? TimeToPageQuantile(ScenarioKind kind, double quantile) =>
        Quantile([.. Of(kind).Where(o => o.TimeToPage is not null).Select(o => o.TimeToPage!.Value.TotalMinutes)], quantile);

    /// <summary>False pages per brand-month over the ordinary time of the given streams (all when null).</summary>
    public double FalsePagesPerBrandMonth(Func<ScenarioOutcome, bool>? which = null)
    {
        var chosen = Outcomes.Where(which ?? (_ => true)).ToList();
        var months = chosen.Sum(o => o.OrdinaryTime.TotalDays) / DaysPerMonth;
        return months == 0 ? 0 : chosen.Sum(o => o.FalsePages.Count) / months;
    }

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{Outcomes.Count} generated brand streams (seeds {Seeds}; texts: {Texts}), played through the live monitor with 1-minute buckets; a page's time is when the monitor emitted it.");
        text.AppendLine();
        text.AppendLine("| kind | streams | paged | missed | minutes to page: median / p90 / max | onset estimate error, median min | incidents per episode: mean / max | pages in the event window | false pages per brand-month |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var kind in ScenarioKinds.All)
        {
            var outcomes = Of(kind).ToList();
            if (outcomes.Count == 0) continue;
            var mustPage = kind.MustPage();
            var paged = outcomes.Where(o => o.TimeToPage is not null).ToList();
            var times = mustPage
                ? string.Create(c, $"{Format(TimeToPageQuantile(kind, 0.5))} / {Format(TimeToPageQuantile(kind, 0.9))} / {Format(TimeToPageQuantile(kind, 1))}")
                : "–";
            var onsetError = mustPage ? Format(Quantile([.. paged.Select(o => o.OnsetError!.Value.TotalMinutes)], 0.5)) : "–";
            var incidents = mustPage && paged.Count > 0
                ? string.Create(c, $"{paged.Average(o => o.IncidentsForEvent):F2} / {paged.Max(o => o.IncidentsForEvent)}")
                : "–";
            var eventPages = mustPage ? "–" : outcomes.Sum(o => o.EventPages.Count).ToString(c);
            text.AppendLine(c, $"| {kind} | {outcomes.Count} | {(mustPage ? paged.Count.ToString(c) : "–")} | {(mustPage ? Missed(kind).ToString(c) : "–")} | {times} | {onsetError} | {incidents} | {eventPages} | {FalsePagesPerBrandMonth(o => o.Stream.Kind == kind):F2} |");
        }
        text.AppendLine();
        text.AppendLine(c, $"False pages over all ordinary time: {FalsePagesPerBrandMonth():F2} per brand-month ({Outcomes.Sum(o => o.FalsePages.Count)} over {Outcomes.Sum(o => o.OrdinaryTime.TotalDays):F0} brand-days).");
        return text.ToString();
    }

    private static string Format(double? minutes) => minutes is { } m ? m.ToString("F1", CultureInfo.InvariantCulture) : "–";

    private static double? Quantile(double[] values, double quantile)
    {
        if (values.Length == 0) return null;
        Array.Sort(values);
        var position = quantile * (values.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, values.Length - 1);
        return values[below] + (position - below) * (values[above] - values[below]);
    }

    private static string Describe(int[] seeds) =>
        seeds.Length == 0 ? "none"
        : seeds.Length > 1 && seeds[^1] - seeds[0] == seeds.Length - 1 ? string.Create(CultureInfo.InvariantCulture, $"{seeds[0]}-{seeds[^1]}")
        : string.Join(",", seeds);
}
