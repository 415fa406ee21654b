namespace Crisis.Ingestion.Scoring;

/// <summary>
/// A few dense counts of a mention that the stacker weighs next to the two base scores: lexicon hits (plain and
/// in a negation's reach), negation cues, length, emoji and emoticon moods, shouting and elongation, and the
/// identified language. The hashed n-grams see each of these, but only as one more feature among hundreds, at a
/// strength fixed by the L2 norm; the stacker learns how much each is worth on top of the base scores.
/// </summary>
internal static class MentionSignals
{
    public static readonly int Count = Enum.GetValues<DenseSignal>().Length;

    /// <summary>Where the one-hot identified language starts: Arabic, Arabizi, French, English (Unknown and Other: all zero).</summary>
    public const int FirstLanguage = (int)DenseSignal.Arabic;

    public static readonly MentionLanguage[] Languages = [MentionLanguage.Arabic, MentionLanguage.Arabizi, MentionLanguage.French, MentionLanguage.English];

    /// <summary>Counts one token into <paramref name="signals"/>; lexicon hits are counted by the featurizer, which knows the negation's reach.</summary>
    public static void CountToken(Span<float> signals, string token)
    {
        if (token.Length > 0 && token[0] != '<')
        {
            signals[(int)DenseSignal.Words]++;
            signals[(int)DenseSignal.WordCharacters] += token.Length;
            return;
        }

        switch (SymbolPolarity.Of(token))
        {
            case < 0: signals[(int)DenseSignal.NegativeMoods]++; return;
            case > 0: signals[(int)DenseSignal.PositiveMoods]++; return;
        }

        switch (token)
        {
            case "<mood:laugh>": signals[(int)DenseSignal.Laughs]++; break;
            case TextNormalizer.ShoutToken: signals[(int)DenseSignal.Shouts]++; break;
            case TextNormalizer.ElongationToken: signals[(int)DenseSignal.Elongations]++; break;
        }
    }

    public static void SetLanguage(Span<float> signals, MentionLanguage language)
    {
        for (var i = 0; i < Languages.Length; i++)
        {
            signals[FirstLanguage + i] = Languages[i] == language ? 1f : 0f;
        }
    }
}

/// <summary>The position of each count in the dense signals; the last four are the identified language, one-hot.</summary>
internal enum DenseSignal
{
    NegativeHits, PositiveHits, NegatedNegativeHits, NegatedPositiveHits, Negations,
    Words, WordCharacters, NegativeMoods, PositiveMoods, Laughs, Shouts, Elongations,
    Arabic, Arabizi, French, English,
}
