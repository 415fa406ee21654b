namespace Crisis.Ingestion.Scoring;

/// <summary>Tokens of a mention plus the letter statistics the language identifier needs.</summary>
internal sealed record NormalizedMention(IReadOnlyList<string> Tokens, int ArabicLetters, int LatinLetters, int OtherLetters, int Emoji)
{
    public static readonly NormalizedMention Empty = new([], 0, 0, 0, 0);

    public int Letters => ArabicLetters + LatinLetters + OtherLetters;

    /// <summary>A mention with no letters (only emoji, a link, a handle, numbers) has no words to score.</summary>
    public bool HasWords => Letters > 0;
}
