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
        var languageSalt = ((uint)language + 1) * 0xC2B2AE35;
        void Add(uint hash)
        {
            slots.Add(hash & mask);
            if (Settings.PerLanguageCopies)
            {
                slots.Add(FeatureHash.Mix(hash ^ languageSalt) & mask);
            }
        }

        // A per-language intercept: base rates of negativity differ a lot between sources.
        Add(FeatureHash.Mix(BiasSeed ^ languageSalt));

        var tokens = mention.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
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

        return Normalize(slots);
    }

    /// <summary>Character n-grams read the words only: placeholders and emoji are already whole features.</summary>
    private static IEnumerable<string> WordsOnly(IReadOnlyList<string> tokens) => tokens.Where(t => t.Length > 0 && t[0] != '<');

    private static SparseVector Normalize(List<uint> slots)
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

        var norm = 0f;
        foreach (var v in values)
        {
            norm += v * v;
        }

        norm = norm > 0 ? 1f / MathF.Sqrt(norm) : 0f;
        var scaled = new float[values.Count];
        for (var i = 0; i < scaled.Length; i++)
        {
            scaled[i] = values[i] * norm;
        }

        return new SparseVector([.. indices], scaled);
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
