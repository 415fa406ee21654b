using System.Globalization;
using System.Text;
using Crisis.CrisisCell.Desk;
using Crisis.CrisisCell.Desk.Measuring;
using Crisis.CrisisCell.Desk.Queue;
using Marten;

namespace Crisis.Reporting.WritingPostMortems;

/// <summary>
/// The response desk's part of the post-mortem: how the people who wrote during the incident were answered (the same
/// figures as <c>GET /api/desk/kpis?incidentId=</c>, docs/response-desk.md), overall and per language and responder.
/// </summary>
public static class DeskSection
{
    /// <summary>The desk's conversations attributed to the incident (its cascade's posts), of the incident's organisation only.</summary>
    public static async Task<DeskKpiReport> MeasureAsync(IQuerySession session, string organisationId, string incidentId, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await session.Query<DeskConversation>().Where(c => c.OrganisationId == organisationId && c.IncidentId == incidentId).ToListAsync(ct);
        return DeskKpis.Measure([.. rows.Select(r => r.State).OfType<Conversation>()], now);
    }

    public static void Append(StringBuilder html, DeskKpiReport desk, ReportReader? reader = null)
    {
        var r = reader ?? ReportReader.Default;
        html.Append("<section><h2>").Append(Html.Escape(r.T("deskSection.title"))).Append("</h2>\n");
        if (desk.Overall.Conversations == 0)
        {
            html.Append("<p>").Append(Html.Escape(r.T("deskSection.none"))).Append("</p></section>\n");
            return;
        }
        html.Append("<table class=\"desk\"><thead><tr>");
        foreach (var column in new[] { "scope", "conversations", "coverage", "medianFirst", "p90First", "unanswered24", "unanswered72", "handedOver", "handoverOutcomes" })
            html.Append("<th>").Append(Html.Escape(r.T($"deskSection.{column}"))).Append("</th>");
        html.Append("</tr></thead><tbody>\n");
        Row(html, r, r.T("deskSection.all"), desk.Overall);
        foreach (var dimension in new[] { "language", "responder" })
        {
            if (!desk.By.TryGetValue(dimension, out var groups)) continue;
            // The group's key is a language code or a responder's name: shown as recorded.
            foreach (var (key, figures) in groups.OrderBy(g => g.Key, StringComparer.Ordinal)) Row(html, r, r.T($"deskSection.{dimension}", ("value", key)), figures);
        }
        html.Append("</tbody></table>\n");
        AppendNegativeShare(html, r, desk.Overall.NegativeShare);
        html.Append("<p class=\"def\">").Append(Html.Escape(r.T("deskSection.definition"))).Append("</p></section>\n");
    }

    /// <summary>How the mood of the answered threads moved after the answer, or why there is no figure.</summary>
    private static void AppendNegativeShare(StringBuilder html, ReportReader r, NegativeShareMove move)
    {
        html.Append("<p class=\"desk-negative-share\">");
        if (move.EnoughData)
        {
            var points = Math.Round(move.Change!.Value * 100, 1);
            var change = (points > 0 ? "+" : "") + points.ToString("0.#", CultureInfo.InvariantCulture);
            html.Append(Html.Escape(r.T("deskSection.negativeShare",
                ("before", r.Share(move.ShareBefore)), ("postsBefore", r.Language.Number(move.PostsBefore)),
                ("after", r.Share(move.ShareAfter)), ("postsAfter", r.Language.Number(move.PostsAfter)),
                ("change", r.Language.Localise(change)), ("conversations", r.Language.Number(move.Conversations)))));
        }
        else
        {
            html.Append(Html.Escape(r.T("deskSection.negativeShareNotEnough",
                ("postsBefore", r.Language.Number(move.PostsBefore)), ("postsAfter", r.Language.Number(move.PostsAfter)),
                ("conversations", r.Language.Number(move.Conversations)), ("minimum", r.Language.Number(NegativeShares.MinimumPosts)))));
        }
        html.Append("</p>\n");
    }

    private static void Row(StringBuilder html, ReportReader r, string scope, DeskFigures f) =>
        html.Append("<tr><th dir=\"auto\">").Append(Html.Escape(scope)).Append("</th><td>").Append(r.Language.Number(f.Conversations))
            .Append("</td><td>").Append(r.Share(f.Coverage)).Append("</td><td>").Append(r.Minutes(f.MedianMinutesToFirstAnswer)).Append("</td><td>").Append(r.Minutes(f.P90MinutesToFirstAnswer))
            .Append("</td><td>").Append(r.Language.Number(f.UnansweredAfter24Hours)).Append("</td><td>").Append(r.Language.Number(f.UnansweredAfter72Hours))
            .Append("</td><td>").Append(r.Language.Number(f.HandedOver)).Append("</td><td>")
            // Outcomes are the callback's recorded values (machine words), with their counts in the reader's digits.
            .Append(Html.Escape(string.Join(", ", f.HandoverOutcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {r.Language.Number(o.Value)}")))).Append("</td></tr>\n");
}
