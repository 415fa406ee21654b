namespace Crisis.Reporting.Measuring;

/// <summary>The KPIs of every incident detected in a period, for a brand or an organisation (or all of them).</summary>
/// <param name="Scope">"brand", "organisation" or "all".</param>
/// <param name="StageDeadlinesMetRatio">Stages met over stages judged (met or missed); null when none was judged.</param>
public sealed record PeriodKpis(
    string Scope, string? ScopeId, DateTimeOffset From, DateTimeOffset To, int Incidents, IReadOnlyList<DurationSummary> Durations,
    int StagesMet, int StagesJudged, double? StageDeadlinesMetRatio, IReadOnlyList<string> IncidentIds);

/// <summary>One duration KPI over the period's incidents that have it.</summary>
public sealed record DurationSummary(string Kpi, int Count, double? MedianMinutes, double? P90Minutes, double? MinMinutes, double? MaxMinutes);

public static class PeriodMeasurement
{
    /// <summary>The duration KPIs, by the names used in JSON summaries and CSV.</summary>
    public static readonly IReadOnlyList<(string Name, Func<IncidentKpis, double?> Of)> DurationKpis =
    [
        ("time_to_detect", k => k.TimeToDetectMinutes),
        ("time_to_open", k => k.TimeToOpenMinutes),
        ("time_to_notify", k => k.TimeToNotifyMinutes),
        ("time_to_acknowledge", k => k.TimeToAcknowledgeMinutes),
        ("time_to_first_public_response", k => k.TimeToFirstPublicResponseMinutes),
        ("time_to_subside", k => k.TimeToSubsideMinutes),
        ("time_back_to_baseline", k => k.TimeBackToBaselineMinutes),
    ];

    public static PeriodKpis Summarise(string scope, string? scopeId, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<IncidentKpis> incidents)
    {
        var durations = DurationKpis.Select(kpi =>
        {
            var values = incidents.Select(kpi.Of).OfType<double>().Order().ToList();
            return new DurationSummary(kpi.Name, values.Count, Percentile(values, 0.5), Percentile(values, 0.9),
                values.Count == 0 ? null : values[0], values.Count == 0 ? null : values[^1]);
        }).ToList();
        var met = incidents.Sum(k => k.StagesMet);
        var judged = incidents.Sum(k => k.StagesJudged);
        return new PeriodKpis(scope, scopeId, from, to, incidents.Count, durations, met, judged, judged == 0 ? null : (double)met / judged,
            [.. incidents.Select(k => k.IncidentId)]);
    }

    /// <summary>
    /// Linear interpolation between closest ranks (the "type 7" of Hyndman and Fan, as in spreadsheets' PERCENTILE.INC
    /// and NumPy's default): exact on small samples, and the median of an even count is the mean of the middle two.
    /// </summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return null;
        var h = (sorted.Count - 1) * p;
        var low = (int)Math.Floor(h);
        return low + 1 >= sorted.Count ? sorted[^1] : sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]);
    }
}
