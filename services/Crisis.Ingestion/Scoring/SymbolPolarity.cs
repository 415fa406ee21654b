namespace Crisis.Ingestion.Scoring;

/// <summary>
/// Polarity of emoji and text emoticons, as cues the model weighs at full strength and as the signal that
/// makes an emoji-only or emoticon-only post ("😢😢😢", "❤️❤️😍", "&lt;3") scorable. Emoji take their polarity
/// from the Emoji Sentiment Ranking (<see cref="EmojiSentimentRanking"/>); mood tokens (from the hand-written
/// emoji moods and from emoticons such as ":(", ":'(", "-_-", ":)", "xD", "&lt;3") from the list below.
/// </summary>
internal static class SymbolPolarity
{
    public const string NegativeToken = "<symbol:negative>";
    public const string PositiveToken = "<symbol:positive>";

    /// <summary>-1 negative, +1 positive, 0 neither or not a symbol.</summary>
    public static int Of(string token)
    {
        if (token.Length < 3 || token[0] != '<')
        {
            return 0;
        }

        if (token.StartsWith("<mood:", StringComparison.Ordinal))
        {
            return token switch
            {
                "<mood:angry>" or "<mood:sad>" or "<mood:disgust>" or "<mood:scorn>" or "<mood:fear>" => -1,
                "<mood:love>" or "<mood:happy>" or "<mood:approve>" => 1,
                // Laughter mocks as often as it cheers (😂 scores only +0.22 in the ranking, and it is the
                // sarcasm marker of ArSarcasm), and praying hands plead as often as they thank: no sign.
                _ => 0,
            };
        }

        return EmojiSentimentRanking.ScoreOf(token) switch
        {
            <= EmojiSentimentRanking.NegativeAtOrBelow => -1,
            >= EmojiSentimentRanking.PositiveAtOrAbove => 1,
            _ => 0,
        };
    }

    /// <summary>
    /// True when some token is a ranked emoji or carries a mood (emoji or emoticon), even one without a sign such
    /// as 😂: the model has learnt their weights, so even a post without letters says something.
    /// </summary>
    public static bool AnyIn(IReadOnlyList<string> tokens)
    {
        foreach (var token in tokens)
        {
            if (token.StartsWith("<mood:", StringComparison.Ordinal) || EmojiSentimentRanking.ScoreOf(token) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
