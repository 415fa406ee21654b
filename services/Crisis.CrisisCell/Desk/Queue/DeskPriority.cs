namespace Crisis.CrisisCell.Desk.Queue;

/// <summary>
/// The queue's order (docs/response-desk.md): points for what the conversation is, plus points per minute it has waited.
/// Because age adds the same points per minute to every conversation, ordering by <see cref="Rank"/> (the points minus
/// what the waiting start is worth) orders by priority at any instant: the rank is stored once and indexed, and the
/// queue's first page is an index scan instead of a sort of every open conversation.
/// </summary>
public static class DeskPriority
{
    public const double NegativityPoints = 30;
    public const double QuestionPoints = 20;
    public const double ReplyToBrandPoints = 20;
    /// <summary>Per decade of followers: 1,000 followers give 30, a million 60.</summary>
    public const double ReachPointsPerDecade = 10;
    /// <summary>Per point of the incident's severity (1 to 10).</summary>
    public const double IncidentSeverityPoints = 5;
    /// <summary>Taken off when the author already got an answer from the brand elsewhere.</summary>
    public const double AlreadyAnsweredPenalty = 30;
    public const double PointsPerMinuteWaiting = 0.5;

    private static readonly DateTimeOffset Origin = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What the conversation is worth regardless of time.</summary>
    public static double Points(Conversation conversation)
    {
        if (conversation.Mentions.Count == 0) return 0;
        var negativity = conversation.Mentions.Max(m => m.NegativeProbability ?? (m.IsNegative == true ? 1 : 0));
        var followers = conversation.Mentions.Max(m => Math.Max(0, m.Followers));
        var severity = conversation.Mentions.Max(m => m.IncidentId is null ? 0 : Math.Clamp(m.IncidentSeverity, 0, 10));
        return NegativityPoints * Math.Clamp(negativity, 0, 1)
            + (conversation.Mentions.Any(m => m.IsQuestion) ? QuestionPoints : 0)
            + (conversation.Mentions.Any(m => m.Reasons.Contains(AnswerReasons.ReplyToBrand)) ? ReplyToBrandPoints : 0)
            + ReachPointsPerDecade * Math.Log10(1 + followers)
            + IncidentSeverityPoints * severity
            - (conversation.AuthorAlreadyAnswered ? AlreadyAnsweredPenalty : 0);
    }

    /// <summary>The stored, time-free sort key; null when nothing waits.</summary>
    public static double? Rank(Conversation conversation) =>
        conversation.WaitingSince is { } since ? Points(conversation) - PointsPerMinuteWaiting * MinutesSinceOrigin(since) : null;

    /// <summary>The priority shown at <paramref name="now"/>: the points plus the minutes waited.</summary>
    public static double At(double rank, DateTimeOffset now) => rank + PointsPerMinuteWaiting * MinutesSinceOrigin(now);

    private static double MinutesSinceOrigin(DateTimeOffset instant) => (instant - Origin).TotalMinutes;
}
