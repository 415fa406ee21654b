using BenchmarkDotNet.Attributes;
using Crisis.Detection.Detecting;

namespace Crisis.Benchmarks.Detection;

/// <summary>
/// Bucket updates per second of one <see cref="BuzzDetector"/> and what each update allocates. The detector
/// keeps running across invocations (timestamps keep increasing), so the figure is the steady state of a
/// live series: mostly calm buckets with a burst every few hours, the mix a projection sees.
/// </summary>
[MemoryDiagnoser]
public class BuzzDetectorBenchmark
{
    private const int Updates = 100_000;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private double[] volumes = [];
    private double[] negatives = [];
    private BuzzDetector detector = null!;
    private TimeSpan bucket;
    private long next;

    [Params(1, 5)]
    public int BucketMinutes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        bucket = TimeSpan.FromMinutes(BucketMinutes);
        var perDay = (int)(TimeSpan.FromDays(1) / bucket);
        volumes = new double[7 * perDay];
        negatives = new double[volumes.Length];
        var state = 12345UL;
        for (var i = 0; i < volumes.Length; i++)
        {
            var hour = (i % perDay) * bucket.TotalHours;
            var mean = BucketMinutes * 3 * (1 + 0.8 * Math.Cos(2 * Math.PI * (hour - 15) / 24));
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            var noise = ((state >> 33) % 1000) / 1000.0 - 0.5;
            var burst = i % (6 * 60 / BucketMinutes) < 20 / BucketMinutes ? 20 * BucketMinutes : 0;
            volumes[i] = Math.Max(0, Math.Round(mean + 2 * Math.Sqrt(mean) * noise) + burst);
            negatives[i] = Math.Round(volumes[i] * 0.15);
        }
        detector = new BuzzDetector(DetectorOptions.Default.WithBucketSize(bucket));
        // Two weeks of history first, so the seasonal profile and calibration are in use.
        for (next = 0; next < 2 * volumes.Length; next++) Observe();
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Observe100k()
    {
        var total = 0.0;
        for (var i = 0; i < Updates; i++) total += Observe().AnomalyScore;
        return total;
    }

    private BuzzDecision Observe()
    {
        var i = (int)(next % volumes.Length);
        var decision = detector.Observe(new BuzzBucket(Start + bucket * next, volumes[i], negatives[i]));
        next++;
        return decision;
    }
}
