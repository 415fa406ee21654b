namespace Crisis.Connectors.Querying;

/// <summary>What a post must contain for a query to have any chance to match: indexed, so a post is tested only against the queries it can match.</summary>
public readonly record struct QueryAnchor(AnchorKind Kind, string Value);

public enum AnchorKind { Word, Hashtag, Handle }

public static class QueryAnchors
{
    /// <summary>
    /// A set of anchors such that every post the query matches holds at least one of them, or null when no such set
    /// exists (a query of exclusions or lang: filters only), which the parser refuses.
    /// </summary>
    public static IReadOnlyList<QueryAnchor>? Of(QueryNode? node) => node switch
    {
        TermNode t => [new(AnchorKind.Word, t.Word)],
        // The longest word of a phrase is usually its rarest, so the fewest posts wake the query up.
        PhraseNode p => [new(AnchorKind.Word, p.Words.MaxBy(w => w.Length)!)],
        HashtagNode h => [new(AnchorKind.Hashtag, h.Tag)],
        HandleNode h => [new(AnchorKind.Handle, h.Handle)],
        AndNode a => a.Operands.Select(Of).Where(s => s is not null).MinBy(s => s!.Count),
        OrNode o => o.Operands.Select(Of).ToList() is var sets && sets.All(s => s is not null) ? sets.SelectMany(s => s!).Distinct().ToList() : null,
        _ => null,
    };
}
