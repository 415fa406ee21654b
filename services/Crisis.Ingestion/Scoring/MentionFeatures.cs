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

/// <summary>Hashes the tokens of a normalised mention into a sparse vector. Stateless and thread-safe.</summary>
internal sealed class MentionFeaturizer(FeatureSettings settings)
{
    private const uint WordSeed = 0x2545F491;
    private const uint CharSeed = 0x9E3779B9;
    private const uint BiasSeed = 0x85EBCA6B;
    private readonly uint mask = (uint)settings.Dimension - 1;

    public FeatureSettings Settings { get; } = settings;

    public SparseVector Featurize(NormalizedMention mention, MentionLanguage language)
    {
        var slots = new List<uint>(256);
        var cueSlots = new List<uint>(8);
        var languageSalt = ((uint)language + 1) * 0xC2B2AE35;
        void AddTo(List<uint> block, uint hash)
        {
            block.Add(hash & mask);
            if (Settings.PerLanguageCopies)
            {
                block.Add(FeatureHash.Mix(hash ^ languageSalt) & mask);
            }
        }

        void Add(uint hash) => AddTo(slots, hash);

        // A per-language intercept: base rates of negativity differ a lot between sources.
        AddTo(cueSlots, FeatureHash.Mix(BiasSeed ^ languageSalt));

        var tokens = mention.Tokens;
        var negatedUntil = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            foreach (var cue in LexiconCues(tokens[i], negated: i <= negatedUntil))
            {
                AddTo(cueSlots, FeatureHash.Of(cue, WordSeed));
            }

            if (SentimentLexicon.IsNegationCue(tokens[i]))
            {
                negatedUntil = i + SentimentLexicon.NegationReach;
            }

            var hash = FeatureHash.Of(tokens[i], WordSeed);
            Add(hash);
            for (var n = 2; n <= Settings.MaxWordNgram && i + n <= tokens.Count; n++)
            {
                hash = FeatureHash.Of(tokens[i + n - 1], FeatureHash.Mix(hash + (uint)n));
                Add(hash);
            }
        }

        var text = " " + string.Join(' ', WordsOnly(tokens)) + " ";
        for (var n = Settings.MinCharNgram; n <= Settings.MaxCharNgram; n++)
        {
            var seed = CharSeed + (uint)n;
            for (var start = 0; start + n <= text.Length; start++)
            {
                Add(FeatureHash.Of(text.AsSpan(start, n), seed));
            }
        }

        return Combine(Normalize(slots), Counted(cueSlots));
    }

    private static IEnumerable<string> LexiconCues(string token, bool negated)
    {
        if (SentimentLexicon.IsNegationCue(token))
        {
            yield return SentimentLexicon.NegationToken;
        }

        if (SentimentLexicon.IsNegative(token))
        {
            yield return negated ? SentimentLexicon.NegatedNegativeToken : SentimentLexicon.NegativeToken;
        }

        if (SentimentLexicon.IsPositive(token))
        {
            yield return negated ? SentimentLexicon.NegatedPositiveToken : SentimentLexicon.PositiveToken;
        }
    }

    /// <summary>Character n-grams read the words only: placeholders and emoji are already whole features.</summary>
    private static IEnumerable<string> WordsOnly(IReadOnlyList<string> tokens) => tokens.Where(t => t.Length > 0 && t[0] != '<');

    /// <summary>
    /// N-gram counts are L2-normalised so long and short mentions weigh alike; the few lexicon and intercept
    /// cues are added at full strength after that, so that hundreds of character n-grams do not drown them.
    /// </summary>
    private static SparseVector Normalize(List<uint> slots)
    {
        var (indices, values) = Counted(slots);
        var norm = 0f;
        foreach (var v in values)
        {
            norm += v * v;
        }

        norm = norm > 0 ? 1f / MathF.Sqrt(norm) : 0f;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= norm;
        }

        return new SparseVector(indices, values);
    }

    private static SparseVector Combine(SparseVector a, SparseVector b)
    {
        var indices = new List<int>(a.Indices.Length + b.Indices.Length);
        var values = new List<float>(indices.Capacity);
        int i = 0, j = 0;
        while (i < a.Indices.Length || j < b.Indices.Length)
        {
            if (j == b.Indices.Length || (i < a.Indices.Length && a.Indices[i] < b.Indices[j]))
            {
                indices.Add(a.Indices[i]);
                values.Add(a.Values[i++]);
            }
            else if (i == a.Indices.Length || b.Indices[j] < a.Indices[i])
            {
                indices.Add(b.Indices[j]);
                values.Add(b.Values[j++]);
            }
            else
            {
                indices.Add(a.Indices[i]);
                values.Add(a.Values[i++] + b.Values[j++]);
            }
        }

        return new SparseVector([.. indices], [.. values]);
    }

    private static SparseVector Counted(List<uint> slots)
    {
        slots.Sort();
        var indices = new List<int>(slots.Count);
        var values = new List<float>(slots.Count);
        for (var i = 0; i < slots.Count;)
        {
            var j = i;
            while (j < slots.Count && slots[j] == slots[i])
            {
                j++;
            }

            indices.Add((int)slots[i]);
            // Sub-linear counts: the tenth "very" adds less than the first.
            values.Add(1f + MathF.Log(j - i));
            i = j;
        }

        return new SparseVector([.. indices], [.. values]);
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
