using System.Text;

namespace Crisis.Reporting.Measuring;

/// <summary>
/// KPIs as CSV, one figure a row (long format), so a spreadsheet can filter and pivot them and new figures never
/// shift columns. Incident: <c>kpi,subject,value,unit,at,detail</c>. Period: <c>kpi,statistic,value,unit,count</c>.
/// </summary>
public static class KpiCsv
{
    public const string IncidentHeader = "kpi,subject,value,unit,at,detail";
    public const string PeriodHeader = "kpi,statistic,value,unit,count";

    public static string Incident(IncidentKpis k)
    {
        var csv = new StringBuilder(IncidentHeader).Append("\r\n");
        void Add(string kpi, string? subject, double? value, string unit, DateTimeOffset? at, string? detail = null) =>
            csv.Append(Csv.Row(kpi, Csv.Text(subject), Csv.Number(value), unit, Csv.Time(at), Csv.Text(detail)));

        Add("time_to_detect", null, k.TimeToDetectMinutes, "minutes", k.DetectedAt, k.OnsetAt is null ? "no onset: opened by hand" : null);
        Add("time_to_open", null, k.TimeToOpenMinutes, "minutes", k.OpenedAt);
        Add("time_to_notify", null, k.TimeToNotifyMinutes, "minutes", k.FirstNotifiedAt);
        Add("time_to_acknowledge", null, k.TimeToAcknowledgeMinutes, "minutes", k.AcknowledgedAt);
        Add("time_to_first_public_response", null, k.TimeToFirstPublicResponseMinutes, "minutes", k.FirstPublicResponseAt);
        Add("time_to_subside", null, k.TimeToSubsideMinutes, "minutes", k.SubsidedAt);
        Add("time_back_to_baseline", null, k.TimeBackToBaselineMinutes, "minutes", k.BackToBaselineAt);
        Add("baseline_mentions", null, k.BaselineMentionsPerBucket, "mentions_per_bucket", null, $"bucket {k.BucketMinutes} min");
        Add("peak_mentions", null, k.PeakMentions?.Value, "mentions_per_bucket", k.PeakMentions?.Bucket);
        Add("peak_velocity", null, k.PeakVelocity?.Value, "mentions_per_bucket_over_previous", k.PeakVelocity?.Bucket);
        Add("peak_negative_share", null, k.PeakNegativeShare?.Value, "share", k.PeakNegativeShare?.Bucket);
        foreach (var s in k.Stages) Add("stage_deadline", s.StageId, s.MarginMinutes, "minutes_ahead", s.CompletedAt, s.Outcome.ToString());
        foreach (var r in k.Responses)
        {
            Add("negative_share_before_response", r.Url.ToString(), r.Before.NegativeShare, "share", r.PublishedAt, Window(r.Before));
            Add("negative_share_after_response", r.Url.ToString(), r.After.NegativeShare, "share", r.PublishedAt, Window(r.After));
            Add("negative_share_change", r.Url.ToString(), r.ChangeInShare, "share_points", r.PublishedAt);
        }
        return csv.ToString();
    }

    public static string Period(PeriodKpis p)
    {
        var csv = new StringBuilder(PeriodHeader).Append("\r\n");
        csv.Append(Csv.Row("incidents", "count", Csv.Number(p.Incidents), "incidents", Csv.Number(p.Incidents)));
        foreach (var d in p.Durations)
        {
            csv.Append(Csv.Row(d.Kpi, "median", Csv.Number(d.MedianMinutes), "minutes", Csv.Number(d.Count)));
            csv.Append(Csv.Row(d.Kpi, "p90", Csv.Number(d.P90Minutes), "minutes", Csv.Number(d.Count)));
        }
        csv.Append(Csv.Row("stage_deadlines_met", "ratio", Csv.Number(p.StageDeadlinesMetRatio), "ratio", Csv.Number(p.StagesJudged)));
        return csv.ToString();
    }

    private static string Window(ShareWindow w) =>
        $"{Csv.Time(w.From)}/{Csv.Time(w.To)}{(w.Complete ? "" : " (incomplete)")}";
}
