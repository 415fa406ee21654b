namespace Crisis.CrisisCell.Desk.Intake;

/// <summary>What the intake knows of one post when it decides whether the post needs an answer.</summary>
/// <param name="RepliesToBrand">It replies to one of the brand's own posts (an answer the desk published).</param>
/// <param name="InOpenIncident">The brand has an open incident: every post of its cascade is taken.</param>
/// <param name="JoinsThread">It replies to a post the desk already holds.</param>
public sealed record PostFacts(bool? IsNegative, string? Text, long Followers, bool RepliesToBrand, bool InOpenIncident, bool JoinsThread);

/// <summary>The rules that put a post in the queue (docs/response-desk.md); none means the desk leaves it alone.</summary>
public static class AnswerNeeds
{
    // Interrogative openings in the languages the desk hears (French, English, Arabic MSA and Darija, Arabizi).
    private static readonly string[] QuestionWords =
    [
        "pourquoi", "comment", "quand", "est-ce", "why", "how", "when", "where", "what", "can you", "لماذا", "كيف", "متى", "هل", "علاش",
        "واش", "كيفاش", "فين", "3lach", "3lech", "wach", "kifach", "fin", "imta",
    ];

    public static IReadOnlyList<string> Reasons(PostFacts post, long highReachFollowers)
    {
        var reasons = new List<string>(4);
        if (post.IsNegative == true) reasons.Add(AnswerReasons.Negative);
        if (IsQuestion(post.Text)) reasons.Add(AnswerReasons.Question);
        if (post.RepliesToBrand) reasons.Add(AnswerReasons.ReplyToBrand);
        if (post.Followers >= highReachFollowers) reasons.Add(AnswerReasons.HighReach);
        if (post.InOpenIncident) reasons.Add(AnswerReasons.Incident);
        if (post.JoinsThread) reasons.Add(AnswerReasons.Thread);
        return reasons;
    }

    /// <summary>A question mark (Latin or Arabic), or a post that opens with an interrogative word.</summary>
    public static bool IsQuestion(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (text.Contains('?', StringComparison.Ordinal) || text.Contains('؟', StringComparison.Ordinal)) return true;
        var start = text.TrimStart().ToLowerInvariant();
        return QuestionWords.Any(w => start.StartsWith(w, StringComparison.Ordinal)
            && (start.Length == w.Length || !char.IsLetterOrDigit(start[w.Length])));
    }
}
