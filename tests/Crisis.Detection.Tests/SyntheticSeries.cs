using Crisis.Detection.Detecting;

namespace Crisis.Detection.Tests;

/// <summary>
/// Deterministic synthetic mention counts (own SplitMix64 generator, so values never change with the
/// runtime's Random implementation).
/// </summary>
internal sealed class SyntheticSeries(ulong seed)
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private ulong state = seed;

    public double Uniform()
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    public double Normal() => Math.Sqrt(-2 * Math.Log(1 - Uniform())) * Math.Cos(2 * Math.PI * Uniform());

    public double Poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 50) return Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * Normal()));
        var limit = Math.Exp(-mean);
        var k = 0;
        var product = Uniform();
        while (product > limit)
        {
            k++;
            product *= Uniform();
        }
        return k;
    }

    /// <summary>How many of <paramref name="trials"/> mentions are negative, each with probability <paramref name="p"/>.</summary>
    public double Binomial(double trials, double p)
    {
        var hits = 0;
        for (var i = 0; i < trials; i++) if (Uniform() < p) hits++;
        return hits;
    }

    /// <summary>Daily cycle: mean rate per bucket peaks at 15:00 UTC and is <c>mean·(1-amplitude)</c> at 03:00.</summary>
    public static double DailyRate(DateTimeOffset time, double mean, double amplitude) =>
        mean * (1 + amplitude * Math.Cos(2 * Math.PI * (time.TimeOfDay.TotalHours - 15) / 24));

    /// <summary>Poisson counts with a daily cycle, one per bucket.</summary>
    /// <remarks>With <paramref name="negativeShare"/> null, negativity is unknown (as on NAB): every spike counts as negative.</remarks>
    public BuzzBucket[] Seasonal(int buckets, TimeSpan bucketSize, double meanPerBucket, double amplitude = 0.8, double? negativeShare = null)
    {
        var series = new BuzzBucket[buckets];
        for (var i = 0; i < buckets; i++)
        {
            var time = Start + bucketSize * i;
            var volume = Poisson(DailyRate(time, meanPerBucket, amplitude));
            series[i] = new BuzzBucket(time, volume, negativeShare is { } share ? Binomial(volume, share) : null);
        }
        return series;
    }

    /// <summary>Adds <paramref name="extraPerBucket"/> mentions to <paramref name="length"/> buckets from <paramref name="from"/>, of which <paramref name="negativeShare"/> negative.</summary>
    public static void AddBurst(BuzzBucket[] series, int from, int length, double extraPerBucket, double negativeShare)
    {
        for (var i = from; i < from + length; i++)
        {
            var bucket = series[i];
            series[i] = bucket with
            {
                Volume = bucket.Volume + extraPerBucket,
                NegativeVolume = bucket.NegativeVolume is { } negative ? negative + Math.Round(extraPerBucket * negativeShare) : null,
            };
        }
    }

    public static BuzzDecision[] Run(BuzzBucket[] series, DetectorOptions options)
    {
        var detector = new BuzzDetector(options);
        var decisions = new BuzzDecision[series.Length];
        for (var i = 0; i < series.Length; i++) decisions[i] = detector.Observe(series[i]);
        return decisions;
    }

    public static int[] AlertIndexes(BuzzDecision[] decisions) =>
        decisions.Select((decision, index) => (decision, index)).Where(p => p.decision.IsAlert).Select(p => p.index).ToArray();
}
