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

    public static void Append(StringBuilder html, DeskKpiReport desk)
    {
        html.Append("<section><h2>Response desk: people answered</h2>\n");
        if (desk.Overall.Conversations == 0)
        {
            html.Append("<p>No conversation of this incident reached the response desk.</p></section>\n");
            return;
        }
        html.Append("<table class=\"desk\"><thead><tr><th>Scope</th><th>Conversations</th><th>Coverage</th><th>First answer, median</th><th>First answer, p90</th>")
            .Append("<th>Unanswered after 24 h</th><th>after 72 h</th><th>Handed over</th><th>Handover outcomes</th></tr></thead><tbody>\n");
        Row(html, "All", desk.Overall);
        foreach (var (dimension, label) in new[] { ("language", "Language"), ("responder", "Responder") })
        {
            if (!desk.By.TryGetValue(dimension, out var groups)) continue;
            foreach (var (key, figures) in groups.OrderBy(g => g.Key, StringComparer.Ordinal)) Row(html, $"{label}: {key}", figures);
        }
        html.Append("</tbody></table>\n");
        AppendNegativeShare(html, desk.Overall.NegativeShare);
        html.Append("<p class=\"def\">Coverage: answered or handed over, of the conversations that needed an answer. ")
            .Append("Time to first answer: from the first post to the first answer or handover. ")
            .Append("Negative share: of the posts of the publicly answered threads, the negative ones, up to each thread's first answer and after it.</p></section>\n");
    }

    /// <summary>How the mood of the answered threads moved after the answer, or why there is no figure.</summary>
    private static void AppendNegativeShare(StringBuilder html, NegativeShareMove move)
    {
        static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
        html.Append("<p class=\"desk-negative-share\">Negative share of the answered conversations: ");
        if (move.EnoughData)
        {
            var points = Math.Round(move.Change!.Value * 100, 1);
            html.Append(move.ShareBefore!.Value.ToString("0.#%", CultureInfo.InvariantCulture)).Append(" of ").Append(Count(move.PostsBefore))
                .Append(" posts before the first answer, ").Append(move.ShareAfter!.Value.ToString("0.#%", CultureInfo.InvariantCulture)).Append(" of ")
                .Append(Count(move.PostsAfter)).Append(" after it (")
                .Append(points > 0 ? "+" : "").Append(points.ToString("0.#", CultureInfo.InvariantCulture)).Append(" points, over ")
                .Append(Count(move.Conversations)).Append(" answered conversations).</p>\n");
        }
        else
        {
            html.Append("not enough data (").Append(Count(move.PostsBefore)).Append(" scored posts before the first answers, ").Append(Count(move.PostsAfter))
                .Append(" after them, over ").Append(Count(move.Conversations)).Append(" answered conversations; at least ")
                .Append(Count(NegativeShares.MinimumPosts)).Append(" on each side are needed).</p>\n");
        }
    }

    private static void Row(StringBuilder html, string scope, DeskFigures f) =>
        html.Append("<tr><th dir=\"auto\">").Append(Html.Escape(scope)).Append("</th><td>").Append(f.Conversations.ToString(CultureInfo.InvariantCulture))
            .Append("</td><td>").Append(f.Coverage is { } c ? c.ToString("0.#%", CultureInfo.InvariantCulture) : "—")
            .Append("</td><td>").Append(Minutes(f.MedianMinutesToFirstAnswer)).Append("</td><td>").Append(Minutes(f.P90MinutesToFirstAnswer))
            .Append("</td><td>").Append(f.UnansweredAfter24Hours.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(f.UnansweredAfter72Hours.ToString(CultureInfo.InvariantCulture))
            .Append("</td><td>").Append(f.HandedOver.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
            .Append(Html.Escape(string.Join(", ", f.HandoverOutcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")))).Append("</td></tr>\n");

    private static string Minutes(double? minutes) => minutes is { } m ? m.ToString("0.# 'min'", CultureInfo.InvariantCulture) : "—";
}
