namespace Crisis.Ingestion.Scoring;

/// <summary>
/// Hashes the tokens of a normalised mention into a sparse vector. Thread-safe: the working buffers are
/// per thread, so scoring allocates little and shares nothing mutable.
/// </summary>
internal sealed class MentionFeaturizer(FeatureSettings settings)
{
    private const uint WordSeed = 0x2545F491;
    private const uint CharSeed = 0x9E3779B9;
    private const uint BiasSeed = 0x85EBCA6B;
    private const uint NegatedSeed = 0x27D4EB2F;

    [ThreadStatic]
    private static FeatureBuffer? threadBuffer;

    private readonly uint mask = (uint)settings.Dimension - 1;

    public FeatureSettings Settings { get; } = settings;

    /// <summary>A vector of its own, for training; scoring uses <see cref="Collect"/> to skip the copy.</summary>
    public SparseVector Featurize(NormalizedMention mention, MentionLanguage language, MentionDialect dialect = MentionDialect.None)
    {
        var features = Collect(mention, language, dialect);
        return new SparseVector(features.Indices.ToArray(), features.Values.ToArray());
    }

    /// <summary>The dialect of the mention's words by the identifier, or None without one.</summary>
    public static MentionDialect IdentifyDialect(NormalizedMention mention, MentionLanguage language, DialectIdentifier? identifier)
    {
        if (identifier is null || language is not (MentionLanguage.Arabic or MentionLanguage.Arabizi))
        {
            return MentionDialect.None;
        }

        var buffer = threadBuffer ??= new FeatureBuffer();
        return identifier.Identify(buffer.WordsText(mention.Tokens), language);
    }

    /// <summary>" word word … " as the character n-grams (and the dialect identifier) read it; for training to count.</summary>
    public static string WordsText(NormalizedMention mention) => (threadBuffer ??= new FeatureBuffer()).WordsText(mention.Tokens).ToString();

    /// <summary>The features in this thread's buffer: read them before the thread's next call.</summary>
    public FeatureSpan Collect(NormalizedMention mention, MentionLanguage language, MentionDialect dialect = MentionDialect.None)
    {
        var buffer = threadBuffer ??= new FeatureBuffer();
        buffer.Clear();
        // A salt of 0 adds no copy: per-dialect copies only where a dialect was identified and the model wants them.
        var salts = new Salts(
            Settings.PerLanguageCopies ? ((uint)language + 1) * 0xC2B2AE35 : 0,
            Settings.PerDialectCopies && dialect != MentionDialect.None ? ((uint)dialect + 1) * 0x165667B1 : 0);

        // A per-language (and per-dialect) intercept: base rates of negativity differ a lot between sources.
        AddCue(buffer, FeatureHash.Mix(BiasSeed ^ (((uint)language + 1) * 0xC2B2AE35)), salts);

        var tokens = mention.Tokens;
        var negatedUntil = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            var negated = i <= negatedUntil;
            AddLexiconCues(buffer, tokens[i], negated, salts);
            if (SentimentLexicon.IsNegationCue(tokens[i]))
            {
                negatedUntil = i + SentimentLexicon.NegationReach;
            }

            var hash = FeatureHash.Of(tokens[i], WordSeed);
            AddNgram(buffer, hash, salts);
            if (negated)
            {
                // "not good", "pas terrible", "ما عجبني": a word in a negation's reach is also its own negated feature.
                AddNgram(buffer, FeatureHash.Mix(hash ^ NegatedSeed), salts);
            }

            for (var n = 2; n <= Settings.MaxWordNgram && i + n <= tokens.Count; n++)
            {
                hash = FeatureHash.Of(tokens[i + n - 1], FeatureHash.Mix(hash + (uint)n));
                AddNgram(buffer, hash, salts);
            }
        }

        var text = buffer.WordsText(tokens);
        for (var n = Settings.MinCharNgram; n <= Settings.MaxCharNgram; n++)
        {
            var seed = CharSeed + (uint)n;
            for (var start = 0; start + n <= text.Length; start++)
            {
                AddNgram(buffer, FeatureHash.Of(text.Slice(start, n), seed), salts);
            }
        }

        return buffer.Finish();
    }

    private void AddNgram(FeatureBuffer buffer, uint hash, Salts salts)
    {
        buffer.AddNgramSlot(hash & mask);
        if (salts.Language != 0)
        {
            buffer.AddNgramSlot(FeatureHash.Mix(hash ^ salts.Language) & mask);
        }

        if (salts.Dialect != 0)
        {
            buffer.AddNgramSlot(FeatureHash.Mix(hash ^ salts.Dialect) & mask);
        }
    }

    private void AddCue(FeatureBuffer buffer, uint hash, Salts salts)
    {
        buffer.AddCueSlot(hash & mask);
        if (salts.Language != 0)
        {
            buffer.AddCueSlot(FeatureHash.Mix(hash ^ salts.Language) & mask);
        }

        if (salts.Dialect != 0)
        {
            buffer.AddCueSlot(FeatureHash.Mix(hash ^ salts.Dialect) & mask);
        }
    }

    /// <summary>What ties a feature's copies to the identified language and dialect; 0 means no copy.</summary>
    private readonly record struct Salts(uint Language, uint Dialect);

    private void AddLexiconCues(FeatureBuffer buffer, string token, bool negated, Salts salts)
    {
        // Emoji and emoticons are not negated: "not happy 😡" stays angry.
        switch (SymbolPolarity.Of(token))
        {
            case < 0:
                AddCue(buffer, FeatureHash.Of(SymbolPolarity.NegativeToken, WordSeed), salts);
                break;
            case > 0:
                AddCue(buffer, FeatureHash.Of(SymbolPolarity.PositiveToken, WordSeed), salts);
                break;
        }

        if (SentimentLexicon.IsNegationCue(token))
        {
            AddCue(buffer, FeatureHash.Of(SentimentLexicon.NegationToken, WordSeed), salts);
        }

        if (SentimentLexicon.IsNegative(token))
        {
            AddCue(buffer, FeatureHash.Of(negated ? SentimentLexicon.NegatedNegativeToken : SentimentLexicon.NegativeToken, WordSeed), salts);
        }

        if (SentimentLexicon.IsPositive(token))
        {
            AddCue(buffer, FeatureHash.Of(negated ? SentimentLexicon.NegatedPositiveToken : SentimentLexicon.PositiveToken, WordSeed), salts);
        }
    }
}
