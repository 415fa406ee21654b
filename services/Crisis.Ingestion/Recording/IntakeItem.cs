using Crisis.Contracts.Mentions;

namespace Crisis.Ingestion.Recording;

/// <summary>One item as an intake read it: either a parsed mention or the reason it could not be parsed.</summary>
public sealed record IntakeItem(int Line, MentionObserved? Mention, ItemError? ParseError)
{
    public static IntakeItem Parsed(int line, MentionObserved mention) => new(line, mention, null);

    public static IntakeItem Unparsable(int line, string field, string reason) => new(line, null, new ItemError(line, field, reason));
}
