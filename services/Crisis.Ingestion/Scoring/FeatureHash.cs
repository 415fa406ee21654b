namespace Crisis.Ingestion.Scoring;

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
