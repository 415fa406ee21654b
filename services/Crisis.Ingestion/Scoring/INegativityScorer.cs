namespace Crisis.Ingestion.Scoring;

/// <summary>
/// Scores how negative a mention is. Implementations are thread-safe and load their model once:
/// ingestion calls them from many requests at once.
/// </summary>
public interface INegativityScorer
{
    /// <summary>Never throws for any text: unscorable input yields <see cref="NegativityScore.Unscorable"/> = true.</summary>
    NegativityScore Score(string? text);
}

/// <summary>The language family a mention is written in, as far as scoring and per-language signals care.</summary>
public enum MentionLanguage
{
    Unknown = 0,
    /// <summary>Arabic script: MSA and dialects.</summary>
    Arabic = 1,
    /// <summary>Arabic dialect written in Latin letters with digits ("3lach", "7aja").</summary>
    Arabizi = 2,
    French = 3,
    English = 4,
    Other = 5,
}

/// <param name="Language">Identified language of the text.</param>
/// <param name="Probability">Probability that the text is negative, in [0,1]; null when unscorable.</param>
/// <param name="IsNegative">Probability compared with the language's threshold; null when unscorable.</param>
/// <param name="Unscorable">True when there is nothing to score (empty, only a URL, a handle, emoji without a mood…).</param>
public readonly record struct NegativityScore(MentionLanguage Language, double? Probability, bool? IsNegative, bool Unscorable)
{
    public static NegativityScore NothingToScore(MentionLanguage language) => new(language, null, null, true);
}
