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
    public (SparseVector Vector, float[] Signals) Featurize(NormalizedMention mention, MentionLanguage language)
    {
        var features = Collect(mention, language);
        return (new SparseVector(features.Indices.ToArray(), features.Values.ToArray()), features.Signals.ToArray());
    }

    /// <summary>The features in this thread's buffer: read them before the thread's next call.</summary>
    public FeatureSpan Collect(NormalizedMention mention, MentionLanguage language)
    {
        var buffer = threadBuffer ??= new FeatureBuffer();
        buffer.Clear();
        var languageSalt = ((uint)language + 1) * 0xC2B2AE35;
        MentionSignals.SetLanguage(buffer.Signals, language);

        // A per-language intercept: base rates of negativity differ a lot between sources.
        AddCue(buffer, FeatureHash.Mix(BiasSeed ^ languageSalt), languageSalt);

        var tokens = mention.Tokens;
        var negatedUntil = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            var negated = i <= negatedUntil;
            MentionSignals.CountToken(buffer.Signals, tokens[i]);
            AddLexiconCues(buffer, tokens[i], negated, languageSalt);
            if (SentimentLexicon.IsNegationCue(tokens[i]))
            {
                negatedUntil = i + SentimentLexicon.NegationReach;
            }

            var hash = FeatureHash.Of(tokens[i], WordSeed);
            AddNgram(buffer, hash, languageSalt);
            if (negated)
            {
                // "not good", "pas terrible", "ما عجبني": a word in a negation's reach is also its own negated feature.
                AddNgram(buffer, FeatureHash.Mix(hash ^ NegatedSeed), languageSalt);
            }

            for (var n = 2; n <= Settings.MaxWordNgram && i + n <= tokens.Count; n++)
            {
                hash = FeatureHash.Of(tokens[i + n - 1], FeatureHash.Mix(hash + (uint)n));
                AddNgram(buffer, hash, languageSalt);
            }
        }

        var text = buffer.WordsText(tokens);
        for (var n = Settings.MinCharNgram; n <= Settings.MaxCharNgram; n++)
        {
            var seed = CharSeed + (uint)n;
            for (var start = 0; start + n <= text.Length; start++)
            {
                AddNgram(buffer, FeatureHash.Of(text.Slice(start, n), seed), languageSalt);
            }
        }

        return buffer.Finish();
    }

    private void AddNgram(FeatureBuffer buffer, uint hash, uint languageSalt)
    {
        buffer.AddNgramSlot(hash & mask);
        if (Settings.PerLanguageCopies)
        {
            buffer.AddNgramSlot(FeatureHash.Mix(hash ^ languageSalt) & mask);
        }
    }

    private void AddCue(FeatureBuffer buffer, uint hash, uint languageSalt)
    {
        buffer.AddCueSlot(hash & mask);
        if (Settings.PerLanguageCopies)
        {
            buffer.AddCueSlot(FeatureHash.Mix(hash ^ languageSalt) & mask);
        }
    }

    private void AddLexiconCues(FeatureBuffer buffer, string token, bool negated, uint languageSalt)
    {
        var signals = buffer.Signals;
        if (SentimentLexicon.IsNegationCue(token))
        {
            signals[(int)DenseSignal.Negations]++;
            AddCue(buffer, FeatureHash.Of(SentimentLexicon.NegationToken, WordSeed), languageSalt);
        }

        if (SentimentLexicon.IsNegative(token))
        {
            signals[(int)(negated ? DenseSignal.NegatedNegativeHits : DenseSignal.NegativeHits)]++;
            AddCue(buffer, FeatureHash.Of(negated ? SentimentLexicon.NegatedNegativeToken : SentimentLexicon.NegativeToken, WordSeed), languageSalt);
        }

        if (SentimentLexicon.IsPositive(token))
        {
            signals[(int)(negated ? DenseSignal.NegatedPositiveHits : DenseSignal.PositiveHits)]++;
            AddCue(buffer, FeatureHash.Of(negated ? SentimentLexicon.NegatedPositiveToken : SentimentLexicon.PositiveToken, WordSeed), languageSalt);
        }
    }
}
