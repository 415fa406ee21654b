namespace Crisis.CrisisCell.Desk.Measuring;

/// <summary>
/// How the negative share of the answered conversations moved after the answer (docs/response-desk.md, "KPIs"): of the
/// posts of the threads the desk answered publicly, the share that was negative before each thread's first answer and
/// after it. Pooled over posts, so a long thread weighs more than a short one, as it does in what the public reads.
/// </summary>
/// <param name="Conversations">The conversations with a public answer.</param>
/// <param name="PostsBefore">Their scored posts published up to the first answer.</param>
/// <param name="PostsAfter">Their scored posts published after it (the author's later posts and the replies in the thread).</param>
/// <param name="ShareBefore">Negative posts of <paramref name="PostsBefore"/>; null when there is not enough data.</param>
/// <param name="Change">After minus before, in share points (−0.25: a quarter fewer of the posts were negative); null when there is not enough data.</param>
/// <param name="EnoughData">At least <see cref="NegativeShares.MinimumPosts"/> scored posts on each side.</param>
public sealed record NegativeShareMove(
    int Conversations, int PostsBefore, int NegativeBefore, int PostsAfter, int NegativeAfter,
    double? ShareBefore, double? ShareAfter, double? Change, bool EnoughData);

public static class NegativeShares
{
    /// <summary>Fewer posts than this on either side and one post more or less swings the share by 20 points or more: no figure.</summary>
    public const int MinimumPosts = 5;

    /// <summary>The scorer's probability that makes a post negative when no label says (the scorer's own threshold).</summary>
    public const double NegativeProbability = 0.5;

    public static NegativeShareMove Measure(IEnumerable<Conversation> conversations)
    {
        int answered = 0, before = 0, negativeBefore = 0, after = 0, negativeAfter = 0;
        foreach (var conversation in conversations)
        {
            if (conversation.Answers.Count == 0) continue;
            answered++;
            var firstAnswer = conversation.Answers.Min(a => a.SentAt);
            foreach (var post in conversation.Mentions)
            {
                // A post neither labelled nor scored says nothing about the mood: it counts on neither side.
                if (IsNegative(post) is not { } negative) continue;
                if (post.PublishedAt <= firstAnswer)
                {
                    before++;
                    if (negative) negativeBefore++;
                }
                else
                {
                    after++;
                    if (negative) negativeAfter++;
                }
            }
        }
        var enough = before >= MinimumPosts && after >= MinimumPosts;
        double? shareBefore = enough ? Math.Round((double)negativeBefore / before, 4) : null;
        double? shareAfter = enough ? Math.Round((double)negativeAfter / after, 4) : null;
        return new NegativeShareMove(answered, before, negativeBefore, after, negativeAfter, shareBefore, shareAfter,
            enough ? Math.Round(shareAfter!.Value - shareBefore!.Value, 4) : null, enough);
    }

    /// <summary>The label when there is one (a trusted upstream label or the scorer's decision), else the scorer's probability.</summary>
    public static bool? IsNegative(ConversationMention post) =>
        post.IsNegative ?? (post.NegativeProbability is { } p ? p >= NegativeProbability : null);
}
