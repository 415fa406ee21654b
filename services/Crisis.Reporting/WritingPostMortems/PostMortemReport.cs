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
    public static string Render(IncidentFacts facts, IncidentKpis kpis) => Render(facts, kpis, ReportReader.Default, brandName: null);

    /// <summary>
    /// The report in the reader's language, every time in their zone, named on each (the reader's or their organisation's);
    /// with the response desk's figures for the incident when given.
    /// </summary>
    public static string Render(IncidentFacts facts, IncidentKpis kpis, ReportReader reader, string? brandName, Crisis.CrisisCell.Desk.Measuring.DeskKpiReport? desk = null)
    {
        var r = reader;
        var marks = Marks(kpis, r);
        var title = r.Title(kpis.Title, kpis.BrandId, brandName);
        var html = new StringBuilder();
        html.Append(F($"<!DOCTYPE html>\n<html lang=\"{r.Language.Code}\" dir=\"{r.Language.Direction}\">\n<head>\n<meta charset=\"utf-8\">\n"))
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title dir=\"auto\">").Append(E(r.T("title", ("title", title)))).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");

        html.Append("<header><h1 dir=\"auto\">").Append(E(title)).Append("</h1>\n<dl class=\"facts\">");
        Fact(html, r.T("fact.incident"), kpis.IncidentId);
        Fact(html, r.T("fact.brand"), brandName is null ? kpis.BrandId : $"{brandName} ({kpis.BrandId})");
        Fact(html, r.T("fact.organisation"), kpis.OrganisationId);
        Fact(html, r.T("fact.status"), r.Named("status", kpis.Status));
        Fact(html, r.T("fact.episode"), kpis.EpisodeId ?? r.T("openedByHand"));
        Fact(html, r.T("fact.detected"), $"{r.Stamp(kpis.DetectedAt)} ({r.T("clock.event")})");
        Fact(html, r.T("fact.asOf"), $"{r.Stamp(kpis.EvaluatedAt)} ({r.T("clock.wall")})");
        Fact(html, r.T("fact.zone"), r.Zone.Id);
        html.Append("</dl></header>\n");

        html.Append("<section class=\"curve\"><h2>").Append(r.T("section.curve")).Append("</h2>\n").Append(CurveChart.Svg(facts.Series, marks, r)).Append('\n');
        html.Append("<ol class=\"marks\">");
        foreach (var m in marks)
            html.Append(F($"<li class=\"{m.Kind}\" value=\"{m.Number}\">{When(r, m.At, m.Kind == "response" ? Clock.Wall : Clock.Event)} <span dir=\"auto\">{E(m.Label)}</span></li>"));
        html.Append("</ol></section>\n");

        html.Append("<section><h2>").Append(r.T("section.figures")).Append("</h2>\n<table class=\"kpis\"><thead><tr>")
            .Append(Headers(r, "figure", "value", "at", "measured")).Append("</tr></thead><tbody>\n");
        // Detection, the buzz's peaks, subsiding and the baseline are read on the posts' clock; what the cell did, on the wall clock.
        KpiRow(html, r, "detect", r.Minutes(kpis.TimeToDetectMinutes), kpis.DetectedAt, Clock.Event);
        KpiRow(html, r, "open", r.Minutes(kpis.TimeToOpenMinutes), kpis.OpenedAt, Clock.Wall);
        KpiRow(html, r, "notify", r.Minutes(kpis.TimeToNotifyMinutes), kpis.FirstNotifiedAt, Clock.Wall);
        KpiRow(html, r, "acknowledge", r.Minutes(kpis.TimeToAcknowledgeMinutes), kpis.AcknowledgedAt, Clock.Wall);
        KpiRow(html, r, "respond", r.Minutes(kpis.TimeToFirstPublicResponseMinutes), kpis.FirstPublicResponseAt, Clock.Wall);
        KpiRow(html, r, "subside", r.Minutes(kpis.TimeToSubsideMinutes), kpis.SubsidedAt, Clock.Event);
        KpiRow(html, r, "baseline", r.Minutes(kpis.TimeBackToBaselineMinutes), kpis.BackToBaselineAt, Clock.Event,
            r.T("kpi.baseline.definition", ("mentions", kpis.BaselineMentionsPerBucket is { } b ? r.Language.Number(b) : "—"), ("minutes", kpis.BucketMinutes)));
        KpiRow(html, r, "peakVolume", kpis.PeakMentions is { } pm ? r.T("kpi.peakVolume.value", ("mentions", r.Language.Number(pm.Value, "0")), ("minutes", kpis.BucketMinutes)) : "—", kpis.PeakMentions?.Bucket, Clock.Event);
        KpiRow(html, r, "peakVelocity", kpis.PeakVelocity is { } pv ? r.T("kpi.peakVelocity.value", ("mentions", r.Language.Number(pv.Value, "0"))) : "—", kpis.PeakVelocity?.Bucket, Clock.Event);
        KpiRow(html, r, "peakShare", r.Share(kpis.PeakNegativeShare?.Value), kpis.PeakNegativeShare?.Bucket, Clock.Event);
        html.Append("<tr><th>").Append(r.T("kpi.stages.name")).Append("</th><td>").Append(r.T("kpi.stages.value", ("met", kpis.StagesMet), ("judged", kpis.StagesJudged)))
            .Append("</td><td></td><td>").Append(E(r.T("kpi.stages.definition"))).Append("</td></tr>\n");
        html.Append("</tbody></table></section>\n");

        html.Append("<section><h2>").Append(r.T("section.stages")).Append("</h2>\n<table class=\"stages\"><thead><tr>")
            .Append(Headers(r, "stage", "deadline", "done", "outcome", "margin")).Append("</tr></thead><tbody>\n");
        foreach (var s in kpis.Stages)
        {
            html.Append("<tr><td dir=\"auto\">").Append(E(r.Shipped($"stage.{s.StageId}", s.Name))).Append("</td><td>").Append(r.Stamp(s.Deadline)).Append("</td><td>")
                .Append(s.CompletedAt is { } done ? r.Stamp(done) : "—").Append("</td><td class=\"").Append(s.Outcome.ToString().ToLowerInvariant()).Append("\">")
                .Append(r.T($"outcome.{s.Outcome}")).Append("</td><td>").Append(Margin(s, r)).Append("</td></tr>\n");
        }
        html.Append("</tbody></table></section>\n");

        html.Append("<section><h2>").Append(r.T("section.responses")).Append("</h2>\n");
        if (kpis.Responses.Count == 0) html.Append("<p>").Append(r.T("noResponse")).Append("</p>\n");
        else
        {
            html.Append("<table class=\"responses\"><thead><tr>").Append(Headers(r, "published", "channel", "text", "before", "after", "change")).Append("</tr></thead><tbody>\n");
            foreach (var p in kpis.Responses)
            {
                html.Append("<tr><td>").Append(r.Stamp(p.PublishedAt)).Append("</td><td dir=\"auto\">").Append(E(p.Channel))
                    .Append("</td><td dir=\"auto\" lang=\"").Append(E(p.Language)).Append("\">").Append(E(p.Text)).Append("<br><small>").Append(E(p.Url.ToString())).Append("</small></td><td>")
                    .Append(WindowCell(p.Before, r)).Append("</td><td>").Append(WindowCell(p.After, r)).Append("</td><td>")
                    .Append(p.ChangeInShare is { } c ? r.T("points", ("change", r.Language.Localise(F($"{c * 100:+0.#;-0.#;0}")))) : "—").Append("</td></tr>\n");
            }
            html.Append("</tbody></table>\n");
        }
        html.Append("</section>\n");

        if (desk is not null) DeskSection.Append(html, desk, r);

        html.Append("<section><h2>").Append(r.T("section.timeline")).Append("</h2>\n<p class=\"clocks\">").Append(E(r.T("clock.note")))
            .Append("</p>\n<table class=\"timeline\"><thead><tr>").Append(Headers(r, "when", "what", "who", "detail")).Append("</tr></thead><tbody>\n");
        foreach (var line in TimelineLines.Of(facts, r, brandName))
        {
            // The detail is in the reader's language; the words people recorded in it (notes, reasons, statements) are as written.
            html.Append("<tr><td>").Append(When(r, line.At, line.Clock)).Append("</td><td>").Append(E(line.What))
                .Append("</td><td dir=\"auto\">").Append(E(line.Who)).Append("</td><td dir=\"auto\">").Append(E(line.Detail)).Append("</td></tr>\n");
        }
        html.Append("</tbody></table></section>\n");
        html.Append("<footer>").Append(E(r.T("footer"))).Append("</footer>\n");
        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>The numbered moments on the chart: onset, every page, every public response, subsiding and the return to baseline.</summary>
    public static IReadOnlyList<ChartMark> Marks(IncidentKpis kpis, ReportReader? reader = null)
    {
        var r = reader ?? ReportReader.Default;
        var moments = new List<(DateTimeOffset At, string Label, string Kind)>();
        if (kpis.OnsetAt is { } onset) moments.Add((onset, r.T("mark.onset"), "onset"));
        moments.AddRange(kpis.Detections.Select(d => (d.DetectedAt, r.T(d.Kind == "Escalation" ? "mark.escalation" : "mark.detection", ("severity", d.Severity)), "detection")));
        moments.AddRange(kpis.Responses.Select(p => (p.PublishedAt, r.T("mark.response", ("channel", p.Channel), ("text", Shorten(p.Text))), "response")));
        if (kpis.SubsidedAt is { } subsided) moments.Add((subsided, r.T("mark.subsided"), "subsided"));
        if (kpis.BackToBaselineAt is { } baseline) moments.Add((baseline, r.T("mark.baseline"), "baseline"));
        return [.. moments.OrderBy(m => m.At).Select((m, i) => new ChartMark(i + 1, m.At, m.Label, m.Kind))];
    }

    private static string Headers(ReportReader r, params string[] columns) => string.Concat(columns.Select(c => $"<th>{r.T($"column.{c}")}</th>"));

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append("<div><dt>").Append(name).Append("</dt><dd dir=\"auto\">").Append(E(value)).Append("</dd></div>");

    /// <summary>A time with its date and zone, and which clock it was read on where a page mixes both.</summary>
    private static string When(ReportReader r, DateTimeOffset at, Clock clock) =>
        F($"<time>{r.Stamp(at)}</time> <small class=\"clock\">{E(r.T(clock == Clock.Event ? "clock.event" : "clock.wall"))}</small>");

    private static void KpiRow(StringBuilder html, ReportReader r, string kpi, string value, DateTimeOffset? at, Clock clock, string? definition = null) =>
        html.Append("<tr><th>").Append(r.T($"kpi.{kpi}.name")).Append("</th><td>").Append(value).Append("</td><td>").Append(at is { } a ? When(r, a, clock) : "—")
            .Append("</td><td class=\"def\">").Append(E(definition ?? r.T($"kpi.{kpi}.definition"))).Append("</td></tr>\n");

    private static string WindowCell(ShareWindow w, ReportReader r) =>
        F($"{r.Share(w.NegativeShare)} <small>{r.T(w.Complete ? "window.complete" : "window.incomplete", ("scored", w.Scored), ("from", r.TimeOfDay(w.From)), ("to", r.TimeOfDay(w.To)))}</small>");

    private static string Margin(StageKpi s, ReportReader r) => s.MarginMinutes switch
    {
        null => "—",
        >= 0 and var m when s.Outcome == StageOutcome.Pending => r.T("margin.left", ("n", m)),
        >= 0 and var m => r.T("margin.ahead", ("n", m)),
        var m when s.CompletedAt is null => r.T("margin.lateNotDone", ("n", -m)),
        var m => r.T("margin.late", ("n", -m)),
    };

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
        ol.marks{columns:2;font-size:.85rem;padding-inline-start:1.6rem}ol.marks time{color:#5b6475}small.clock,p.clocks{color:#5b6475;font-size:.8rem}
        footer{margin-top:2rem;color:#5b6475;font-size:.8rem}
        @media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}section{break-inside:avoid}table.timeline{break-inside:auto}tr{break-inside:avoid}thead{display:table-header-group}a{color:inherit}}
        """;
}
