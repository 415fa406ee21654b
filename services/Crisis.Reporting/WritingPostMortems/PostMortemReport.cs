using System.Globalization;
using System.Text;
using Crisis.Reporting.Measuring;
using Crisis.ServiceDefaults.Localisation;

namespace Crisis.Reporting.WritingPostMortems;

/// <summary>
/// The post-mortem as one self-contained HTML page: inline CSS and SVG, no script, no external asset, printable.
/// Every string that a person or a post wrote is escaped, and shown with <c>dir="auto"</c> so Arabic reads right to left.
/// </summary>
public static class PostMortemReport
{
    public static string Render(IncidentFacts facts, IncidentKpis kpis) => Render(facts, kpis, ViewerZone.Utc, brandName: null);

    /// <summary>The report with every time in <paramref name="zone"/>, named on each (the reader's or their organisation's zone).</summary>
    public static string Render(IncidentFacts facts, IncidentKpis kpis, ViewerZone zone, string? brandName, Crisis.CrisisCell.Desk.Measuring.DeskKpiReport? desk = null)
    {
        var marks = Marks(kpis);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title dir=\"auto\">Post-mortem: ").Append(E(kpis.Title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");

        html.Append("<header><h1 dir=\"auto\">").Append(E(kpis.Title)).Append("</h1>\n<dl class=\"facts\">");
        Fact(html, "Incident", kpis.IncidentId);
        Fact(html, "Brand", brandName is null ? kpis.BrandId : $"{brandName} ({kpis.BrandId})");
        Fact(html, "Organisation", kpis.OrganisationId);
        Fact(html, "Status", kpis.Status);
        Fact(html, "Episode", kpis.EpisodeId ?? "opened by hand");
        Fact(html, "Detected", zone.Stamp(kpis.DetectedAt));
        Fact(html, "Report as of", zone.Stamp(kpis.EvaluatedAt));
        Fact(html, "Times shown in", zone.Id);
        html.Append("</dl></header>\n");

        html.Append("<section class=\"curve\"><h2>Volume and negativity</h2>\n").Append(CurveChart.Svg(facts.Series, marks)).Append('\n');
        html.Append("<ol class=\"marks\">");
        foreach (var m in marks)
            html.Append(F($"<li class=\"{m.Kind}\" value=\"{m.Number}\"><time>{zone.Stamp(m.At)}</time> <span dir=\"auto\">{E(m.Label)}</span></li>"));
        html.Append("</ol></section>\n");

        html.Append("<section><h2>Key figures</h2>\n<table class=\"kpis\"><thead><tr><th>Figure</th><th>Value</th><th>At</th><th>Measured</th></tr></thead><tbody>\n");
        KpiRow(html, zone, "Time to detect", Minutes(kpis.TimeToDetectMinutes), kpis.DetectedAt, "from the buzz onset (first bucket of the episode) to detection");
        KpiRow(html, zone, "Time to open", Minutes(kpis.TimeToOpenMinutes), kpis.OpenedAt, "from detection to the incident opening (the cell learning of the buzz)");
        KpiRow(html, zone, "Time to notify", Minutes(kpis.TimeToNotifyMinutes), kpis.FirstNotifiedAt, "from detection to the first notification sent");
        KpiRow(html, zone, "Time to acknowledge", Minutes(kpis.TimeToAcknowledgeMinutes), kpis.AcknowledgedAt, "from detection to the first acknowledgement");
        KpiRow(html, zone, "Time to first public response", Minutes(kpis.TimeToFirstPublicResponseMinutes), kpis.FirstPublicResponseAt, "from detection to the first response published");
        KpiRow(html, zone, "Time to subside", Minutes(kpis.TimeToSubsideMinutes), kpis.SubsidedAt, "from detection to the end of the bucket the detector called calm");
        KpiRow(html, zone, "Time back to baseline", Minutes(kpis.TimeBackToBaselineMinutes), kpis.BackToBaselineAt,
            F($"from detection to the curve holding at or under its pre-onset level ({Number(kpis.BaselineMentionsPerBucket)} mentions per {kpis.BucketMinutes} min)"));
        KpiRow(html, zone, "Peak volume", kpis.PeakMentions is { } pm ? F($"{pm.Value:0} mentions per {kpis.BucketMinutes} min") : "—", kpis.PeakMentions?.Bucket, "the loudest bucket of the episode");
        KpiRow(html, zone, "Peak velocity", kpis.PeakVelocity is { } pv ? F($"+{pv.Value:0} mentions on the previous bucket") : "—", kpis.PeakVelocity?.Bucket, "the steepest rise from one bucket to the next");
        KpiRow(html, zone, "Peak negative share", TimelineLines.Share(kpis.PeakNegativeShare?.Value), kpis.PeakNegativeShare?.Bucket, "the most negative bucket with enough scored mentions");
        html.Append(F($"<tr><th>Playbook stages met</th><td>{kpis.StagesMet} of {kpis.StagesJudged} judged</td><td></td><td>stages done by their deadline; skipped and pending stages are not judged</td></tr>\n"));
        html.Append("</tbody></table></section>\n");

        html.Append("<section><h2>Playbook stages against their deadlines</h2>\n<table class=\"stages\"><thead><tr><th>Stage</th><th>Deadline</th><th>Done</th><th>Outcome</th><th>Margin</th></tr></thead><tbody>\n");
        foreach (var s in kpis.Stages)
        {
            html.Append("<tr><td dir=\"auto\">").Append(E(s.Name)).Append("</td><td>").Append(zone.Stamp(s.Deadline)).Append("</td><td>")
                .Append(s.CompletedAt is { } done ? zone.Stamp(done) : "—").Append("</td><td class=\"").Append(s.Outcome.ToString().ToLowerInvariant()).Append("\">")
                .Append(s.Outcome.ToString()).Append("</td><td>").Append(Margin(s)).Append("</td></tr>\n");
        }
        html.Append("</tbody></table></section>\n");

        html.Append("<section><h2>Public responses and the negative share around them</h2>\n");
        if (kpis.Responses.Count == 0) html.Append("<p>No public response was recorded.</p>\n");
        else
        {
            html.Append("<table class=\"responses\"><thead><tr><th>Published</th><th>Channel</th><th>Text</th><th>Negative before</th><th>Negative after</th><th>Change</th></tr></thead><tbody>\n");
            foreach (var r in kpis.Responses)
            {
                html.Append("<tr><td>").Append(zone.Stamp(r.PublishedAt)).Append("</td><td dir=\"auto\">").Append(E(r.Channel))
                    .Append("</td><td dir=\"auto\" lang=\"").Append(E(r.Language)).Append("\">").Append(E(r.Text)).Append("<br><small>").Append(E(r.Url.ToString())).Append("</small></td><td>")
                    .Append(WindowCell(r.Before)).Append("</td><td>").Append(WindowCell(r.After)).Append("</td><td>")
                    .Append(r.ChangeInShare is { } c ? F($"{c * 100:+0.#;-0.#;0} points") : "—").Append("</td></tr>\n");
            }
            html.Append("</tbody></table>\n");
        }
        html.Append("</section>\n");

        if (desk is not null) DeskSection.Append(html, desk);

        html.Append("<section><h2>Timeline</h2>\n<table class=\"timeline\"><thead><tr><th>When</th><th>What</th><th>Who</th><th>Detail</th></tr></thead><tbody>\n");
        foreach (var line in TimelineLines.Of(facts))
        {
            html.Append("<tr><td>").Append(zone.Stamp(line.At)).Append("</td><td>").Append(E(line.What)).Append("</td><td dir=\"auto\">").Append(E(line.Who))
                .Append("</td><td dir=\"auto\">").Append(E(line.Detail)).Append("</td></tr>\n");
        }
        html.Append("</tbody></table></section>\n");
        html.Append("<footer>Generated by Crisis from the incident's events, the detector's buzz events and the brand's mention streams. Definitions: docs/kpis.md.</footer>\n");
        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>The numbered moments on the chart: onset, every page, every public response, subsiding and the return to baseline.</summary>
    public static IReadOnlyList<ChartMark> Marks(IncidentKpis kpis)
    {
        var moments = new List<(DateTimeOffset At, string Label, string Kind)>();
        if (kpis.OnsetAt is { } onset) moments.Add((onset, "Buzz onset (first bucket of the episode)", "onset"));
        moments.AddRange(kpis.Detections.Select(d => (d.DetectedAt, F($"{(d.Kind == "Escalation" ? "Escalation" : "Detection")}: severity {d.Severity}"), "detection")));
        moments.AddRange(kpis.Responses.Select(r => (r.PublishedAt, $"Public response on {r.Channel}: {Shorten(r.Text)}", "response")));
        if (kpis.SubsidedAt is { } subsided) moments.Add((subsided, "Buzz subsided (detector back to calm)", "subsided"));
        if (kpis.BackToBaselineAt is { } baseline) moments.Add((baseline, "Curve back to its pre-onset level", "baseline"));
        return [.. moments.OrderBy(m => m.At).Select((m, i) => new ChartMark(i + 1, m.At, m.Label, m.Kind))];
    }

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append("<div><dt>").Append(name).Append("</dt><dd dir=\"auto\">").Append(E(value)).Append("</dd></div>");

    private static void KpiRow(StringBuilder html, ViewerZone zone, string name, string value, DateTimeOffset? at, string definition) =>
        html.Append("<tr><th>").Append(name).Append("</th><td>").Append(value).Append("</td><td>").Append(at is { } a ? zone.Stamp(a) : "—")
            .Append("</td><td class=\"def\">").Append(E(definition)).Append("</td></tr>\n");

    private static string WindowCell(ShareWindow w) =>
        F($"{TimelineLines.Share(w.NegativeShare)} <small>of {w.Scored} scored, {w.From.UtcDateTime:HH:mm}–{w.To.UtcDateTime:HH:mm}{(w.Complete ? "" : ", incomplete")}</small>");

    private static string Margin(StageKpi s) => s.MarginMinutes switch
    {
        null => "—",
        >= 0 when s.Outcome == StageOutcome.Pending => F($"{s.MarginMinutes:0.#} min left"),
        >= 0 => F($"{s.MarginMinutes:0.#} min ahead"),
        var m when s.CompletedAt is null => F($"{-m:0.#} min late, not done"),
        var m => F($"{-m:0.#} min late"),
    };

    private static string Minutes(double? minutes) => minutes is { } m ? F($"{m:0.#} min") : "—";

    private static string Number(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "—";

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");

    private static string E(string? text) => Html.Escape(text);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Naskh Arabic",sans-serif;color:#1d2330;margin:2rem auto;max-width:1000px;padding:0 1rem}
        h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin:1.8rem 0 .6rem;border-bottom:1px solid #d5dae3;padding-bottom:.2rem}
        dl.facts{display:flex;flex-wrap:wrap;gap:.3rem 1.6rem;margin:0}dl.facts dt{font-size:.75rem;color:#5b6475;text-transform:uppercase}dl.facts dd{margin:0;font-weight:600}
        table{border-collapse:collapse;width:100%}th,td{text-align:start;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e6e9ef}thead th{background:#f3f5f8;font-size:.8rem}
        td.def{color:#5b6475;font-size:.85rem}td.met{color:#17703a;font-weight:600}td.missed{color:#b0231b;font-weight:600}td.skipped,td.pending{color:#7a5d00}
        svg.chart{width:100%;height:auto;font:11px sans-serif}svg .plot{fill:#fafbfc;stroke:#d5dae3}svg .bar{fill:#9db4d0}
        svg .share{fill:none;stroke:#c0392b;stroke-width:1.5}svg .share-dot{fill:#c0392b}svg .axis{fill:#5b6475}svg .axis.share{fill:#c0392b}
        svg .mark line{stroke-width:1.5;stroke-dasharray:4 3}svg .mark text.num{fill:#fff;font-weight:700;text-anchor:middle}
        svg .onset line,svg .onset circle{stroke:#6b7280;fill:#6b7280}svg .detection line,svg .detection circle{stroke:#d97706;fill:#d97706}
        svg .response line,svg .response circle{stroke:#15803d;fill:#15803d}svg .subsided line,svg .subsided circle,svg .baseline line,svg .baseline circle{stroke:#2563eb;fill:#2563eb}
        ol.marks{columns:2;font-size:.85rem;padding-inline-start:1.6rem}ol.marks time{color:#5b6475}
        footer{margin-top:2rem;color:#5b6475;font-size:.8rem}
        @media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}section{break-inside:avoid}table.timeline{break-inside:auto}tr{break-inside:avoid}thead{display:table-header-group}a{color:inherit}}
        """;
}
