namespace Crisis.CrisisCell.Desk.Measuring;

/// <summary>The desk's figures over a set of conversations (docs/response-desk.md, "KPIs").</summary>
/// <param name="Coverage">Answered or handed over, of those that needed an answer (all but "no answer needed"); null when none did.</param>
/// <param name="MedianMinutesToFirstAnswer">From the first post to the first answer or handover.</param>
/// <param name="NegativeShare">How negative the answered threads were before their first answer and after it (per incident in <c>By["incident"]</c>).</param>
public sealed record DeskFigures(
    int Conversations, int Answered, int HandedOver, int NoAnswerNeeded, int Waiting, double? Coverage,
    double? MedianMinutesToFirstAnswer, double? P90MinutesToFirstAnswer, int UnansweredAfter24Hours, int UnansweredAfter72Hours,
    IReadOnlyDictionary<string, int> HandoverOutcomes, NegativeShareMove NegativeShare);

public sealed record DeskKpiReport(DeskFigures Overall, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DeskFigures>> By);

public static class DeskKpis
{
    public static DeskKpiReport Measure(IReadOnlyCollection<Conversation> conversations, DateTimeOffset now) => new(
        Figures(conversations, now),
        new Dictionary<string, IReadOnlyDictionary<string, DeskFigures>>
        {
            ["brand"] = By(conversations, c => c.BrandId, now),
            ["incident"] = By(conversations.Where(c => c.Mentions.Any(m => m.IncidentId is not null)).ToList(), c => c.Mentions.Last(m => m.IncidentId is not null).IncidentId!, now),
            ["language"] = By(conversations, c => c.Mentions.Count == 0 ? "unknown" : c.Mentions[0].Language, now),
            ["platform"] = By(conversations, c => c.Platform, now),
            // The responder who first answered (or handed over); conversations nobody took yet are "nobody".
            ["responder"] = By(conversations, c => FirstResponse(c)?.By ?? "nobody", now),
        });

    public static DeskFigures Figures(IReadOnlyCollection<Conversation> conversations, DateTimeOffset now)
    {
        var needed = conversations.Where(c => c.Status != ConversationStatus.NoAnswerNeeded).ToList();
        var responded = needed.Where(c => FirstResponse(c) is not null).ToList();
        var minutes = responded.Select(c => (FirstResponse(c)!.Value.At - FirstPost(c)).TotalMinutes).Order().ToArray();
        var unanswered = needed.Where(c => FirstResponse(c) is null).Select(c => now - FirstPost(c)).ToList();
        return new DeskFigures(
            conversations.Count,
            conversations.Count(c => c.Answers.Count > 0),
            conversations.Count(c => c.Handovers.Count > 0),
            conversations.Count(c => c.Status == ConversationStatus.NoAnswerNeeded),
            conversations.Count(c => c.Status == ConversationStatus.Awaiting),
            needed.Count == 0 ? null : Math.Round((double)responded.Count / needed.Count, 4),
            Percentile(minutes, 0.5), Percentile(minutes, 0.9),
            unanswered.Count(w => w >= TimeSpan.FromHours(24)), unanswered.Count(w => w >= TimeSpan.FromHours(72)),
            conversations.SelectMany(c => c.Handovers).GroupBy(h => h.Outcome?.ToString() ?? "Pending")
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            NegativeShares.Measure(conversations));
    }

    private static Dictionary<string, DeskFigures> By(IReadOnlyCollection<Conversation> conversations, Func<Conversation, string> key, DateTimeOffset now) =>
        conversations.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Figures(g.ToList(), now), StringComparer.Ordinal);

    private static DateTimeOffset FirstPost(Conversation c) => c.Mentions.Count == 0 ? c.OpenedAt : c.Mentions.Min(m => m.PublishedAt);

    /// <summary>A person counts as answered by a public answer or by being handed to customer service, whichever came first.</summary>
    private static (string By, DateTimeOffset At)? FirstResponse(Conversation c)
    {
        var answer = c.Answers.Count == 0 ? null : c.Answers.MinBy(a => a.SentAt);
        var handover = c.Handovers.Count == 0 ? null : c.Handovers.MinBy(h => h.HandedOverAt);
        if (answer is null && handover is null) return null;
        if (handover is null || (answer is not null && answer.SentAt <= handover.HandedOverAt)) return (answer!.SentBy, answer.SentAt);
        return (handover.By, handover.HandedOverAt);
    }

    /// <summary>Nearest rank, in minutes rounded to a tenth.</summary>
    private static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
}
