namespace Crisis.Ingestion.Scoring;

/// <summary>How a mention becomes a feature vector; stored in the model file so scoring matches training.</summary>
/// <param name="HashBits">The vector has 2^HashBits slots; n-grams are hashed into them (no vocabulary to ship).</param>
/// <param name="MaxWordNgram">Word n-grams from 1 to this length.</param>
/// <param name="MinCharNgram">Shortest character n-gram, read across the whole normalised text.</param>
/// <param name="MaxCharNgram">Longest character n-gram.</param>
/// <param name="PerLanguageCopies">
/// Every feature also gets a copy tied to the identified language, so one linear model holds a shared
/// part and a per-language part ("frustratingly easy domain adaptation", Daumé 2007).
/// </param>
public sealed record FeatureSettings(int HashBits, int MaxWordNgram, int MinCharNgram, int MaxCharNgram, bool PerLanguageCopies)
{
    public int Dimension => 1 << HashBits;
}

/// <summary>A sparse, L2-normalised feature vector: sorted distinct slot indices and their values.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values);

/// <summary>
/// Hashes the tokens of a normalised mention into a sparse vector. Thread-safe: the working buffers are
/// per thread, so scoring allocates little and shares nothing mutable.
/// </summary>
internal sealed class MentionFeaturizer(FeatureSettings settings)
{
    private const uint WordSeed = 0x2545F491;
    private const uint CharSeed = 0x9E3779B9;
    private const uint BiasSeed = 0x85EBCA6B;

    [ThreadStatic]
    private static FeatureBuffer? threadBuffer;

    private readonly uint mask = (uint)settings.Dimension - 1;

    public FeatureSettings Settings { get; } = settings;

    /// <summary>A vector of its own, for training; scoring uses <see cref="Collect"/> to skip the copy.</summary>
    public SparseVector Featurize(NormalizedMention mention, MentionLanguage language)
    {
        var features = Collect(mention, language);
        return new SparseVector(features.Indices.ToArray(), features.Values.ToArray());
    }

    /// <summary>The features in this thread's buffer: read them before the thread's next call.</summary>
    public FeatureSpan Collect(NormalizedMention mention, MentionLanguage language)
    {
        var buffer = threadBuffer ??= new FeatureBuffer();
        buffer.Clear();
        var languageSalt = ((uint)language + 1) * 0xC2B2AE35;

        // A per-language intercept: base rates of negativity differ a lot between sources.
        AddCue(buffer, FeatureHash.Mix(BiasSeed ^ languageSalt), languageSalt);

        var tokens = mention.Tokens;
        var negatedUntil = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            AddLexiconCues(buffer, tokens[i], negated: i <= negatedUntil, languageSalt);
            if (SentimentLexicon.IsNegationCue(tokens[i]))
            {
                negatedUntil = i + SentimentLexicon.NegationReach;
            }

            var hash = FeatureHash.Of(tokens[i], WordSeed);
            AddNgram(buffer, hash, languageSalt);
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
        if (SentimentLexicon.IsNegationCue(token))
        {
            AddCue(buffer, FeatureHash.Of(SentimentLexicon.NegationToken, WordSeed), languageSalt);
        }

        if (SentimentLexicon.IsNegative(token))
        {
            AddCue(buffer, FeatureHash.Of(negated ? SentimentLexicon.NegatedNegativeToken : SentimentLexicon.NegativeToken, WordSeed), languageSalt);
        }

        if (SentimentLexicon.IsPositive(token))
        {
            AddCue(buffer, FeatureHash.Of(negated ? SentimentLexicon.NegatedPositiveToken : SentimentLexicon.PositiveToken, WordSeed), languageSalt);
        }
    }
}

/// <summary>A view of sorted distinct slot indices and their values, valid until the thread's next featurization.</summary>
internal readonly ref struct FeatureSpan(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
{
    public ReadOnlySpan<int> Indices { get; } = indices;

    public ReadOnlySpan<float> Values { get; } = values;
}

/// <summary>
/// Working memory of one thread's featurization, grown as needed and reused. N-gram counts are
/// L2-normalised so long and short mentions weigh alike; the few lexicon and intercept cues are added at
/// full strength after that, so that hundreds of character n-grams do not drown them.
/// </summary>
internal sealed class FeatureBuffer
{
    private uint[] ngramSlots = new uint[1024];
    private uint[] cueSlots = new uint[64];
    private char[] text = new char[512];
    private int[] ngramIndices = new int[1024];
    private float[] ngramValues = new float[1024];
    private int[] cueIndices = new int[64];
    private float[] cueValues = new float[64];
    private int[] indices = new int[1024];
    private float[] values = new float[1024];
    private int ngramCount;
    private int cueCount;

    public void Clear() => (ngramCount, cueCount) = (0, 0);

    public void AddNgramSlot(uint slot) => Append(ref ngramSlots, ref ngramCount, slot);

    public void AddCueSlot(uint slot) => Append(ref cueSlots, ref cueCount, slot);

    /// <summary>" word word … ": character n-grams read the words only, as placeholders and emoji are whole features already.</summary>
    public ReadOnlySpan<char> WordsText(IReadOnlyList<string> tokens)
    {
        var length = 1;
        foreach (var token in tokens)
        {
            length += IsWord(token) ? token.Length + 1 : 0;
        }

        length = Math.Max(length, 2);
        if (text.Length < length)
        {
            text = new char[Math.Max(length, text.Length * 2)];
        }

        var at = 0;
        text[at++] = ' ';
        foreach (var token in tokens)
        {
            if (IsWord(token))
            {
                token.CopyTo(text.AsSpan(at));
                at += token.Length;
                text[at++] = ' ';
            }
        }

        if (at == 1)
        {
            text[at++] = ' ';
        }

        return text.AsSpan(0, at);
    }

    public FeatureSpan Finish()
    {
        var ngrams = Counted(ngramSlots, ngramCount, ref ngramIndices, ref ngramValues);
        var norm = 0f;
        for (var i = 0; i < ngrams; i++)
        {
            norm += ngramValues[i] * ngramValues[i];
        }

        norm = norm > 0 ? 1f / MathF.Sqrt(norm) : 0f;
        for (var i = 0; i < ngrams; i++)
        {
            ngramValues[i] *= norm;
        }

        var cues = Counted(cueSlots, cueCount, ref cueIndices, ref cueValues);
        var count = Merge(ngrams, cues);
        return new FeatureSpan(indices.AsSpan(0, count), values.AsSpan(0, count));
    }

    private static bool IsWord(string token) => token.Length > 0 && token[0] != '<';

    private static void Append(ref uint[] slots, ref int count, uint slot)
    {
        if (count == slots.Length)
        {
            Array.Resize(ref slots, slots.Length * 2);
        }

        slots[count++] = slot;
    }

    /// <summary>Sorts the slots and turns repeats into sub-linear counts: the tenth "very" adds less than the first.</summary>
    private static int Counted(uint[] slots, int count, ref int[] distinct, ref float[] weights)
    {
        Array.Sort(slots, 0, count);
        if (distinct.Length < count)
        {
            distinct = new int[slots.Length];
            weights = new float[slots.Length];
        }

        var written = 0;
        for (var i = 0; i < count;)
        {
            var j = i;
            while (j < count && slots[j] == slots[i])
            {
                j++;
            }

            distinct[written] = (int)slots[i];
            weights[written++] = 1f + MathF.Log(j - i);
            i = j;
        }

        return written;
    }

    private int Merge(int ngrams, int cues)
    {
        if (indices.Length < ngrams + cues)
        {
            indices = new int[(ngrams + cues) * 2];
            values = new float[(ngrams + cues) * 2];
        }

        int i = 0, j = 0, written = 0;
        while (i < ngrams || j < cues)
        {
            if (j == cues || (i < ngrams && ngramIndices[i] < cueIndices[j]))
            {
                (indices[written], values[written]) = (ngramIndices[i], ngramValues[i++]);
            }
            else if (i == ngrams || cueIndices[j] < ngramIndices[i])
            {
                (indices[written], values[written]) = (cueIndices[j], cueValues[j++]);
            }
            else
            {
                (indices[written], values[written]) = (ngramIndices[i], ngramValues[i++] + cueValues[j++]);
            }

            written++;
        }

        return written;
    }
}

/// <summary>A fixed, seeded string hash (FNV-1a then a murmur finaliser): stable across processes and runtimes,
/// unlike string.GetHashCode, because a model trained today must read the same slots tomorrow.</summary>
internal static class FeatureHash
{
    public static uint Of(ReadOnlySpan<char> text, uint seed)
    {
        var hash = 2166136261u ^ seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Mix(hash);
    }

    public static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }
}
