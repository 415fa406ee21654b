namespace Crisis.Ingestion.Scoring;

/// <summary>
/// Scores a post without letters from its emoji and emoticons ("😢😢😢", "❤️❤️😍", "&lt;3"): common in replies to a
/// brand, and their polarity is plain, but the model cannot weigh them alone (it learnt them next to words, and a
/// post without words gets no per-language part). Each mood of <see cref="EmojiTokens"/> and of the text emoticons
/// carries a sign: angry, sad, disgust, scorn and fear are negative; love, happy and approve positive; laughter and
/// praying hands none (laughter mocks as often as it cheers, praying hands plead as often as they thank).
/// The probability is a smoothed share of the negative signs, (negative + ½) / (signed + 1), and the post is negative
/// when its negative signs outnumber its positive ones. A post with no mood at all (a link, a handle, a flag) stays
/// unscorable.
/// </summary>
internal static class SymbolPolarity
{
    /// <summary>-1 negative, +1 positive, 0 a mood without a sign or not a mood at all.</summary>
    public static int Of(string token) => token switch
    {
        "<mood:angry>" or "<mood:sad>" or "<mood:disgust>" or "<mood:scorn>" or "<mood:fear>" => -1,
        "<mood:love>" or "<mood:happy>" or "<mood:approve>" => 1,
        _ => 0,
    };

    /// <summary>The score of a letterless post from its moods, or null when it has none.</summary>
    public static NegativityScore? Score(NormalizedMention mention, MentionLanguage language)
    {
        int negative = 0, positive = 0, moods = 0;
        foreach (var token in mention.Tokens)
        {
            if (!token.StartsWith("<mood:", StringComparison.Ordinal)) continue;
            moods++;
            switch (Of(token))
            {
                case < 0: negative++; break;
                case > 0: positive++; break;
            }
        }

        if (moods == 0) return null;
        var probability = (negative + 0.5) / (negative + positive + 1.0);
        return new NegativityScore(language, probability, negative > positive, Unscorable: false);
    }
}
