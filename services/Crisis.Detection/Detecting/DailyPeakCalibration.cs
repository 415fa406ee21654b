namespace Crisis.Detection.Detecting;

/// <summary>
/// Calibrates the alert threshold to the series' own extremes: a high quantile over the last days of each
/// day's largest deviation. Social volume is heavy-tailed in a brand-specific way (a loud brand has a
/// retweet storm most days, a quiet one rarely), so a fixed deviation threshold pages loud brands
/// daily; requiring a deviation well above what an ordinary day's peak reaches bounds the page rate to
/// roughly one per brand-week by construction. A quantile below 1 ignores the odd buzz day in the history.
/// </summary>
public sealed class DailyPeakCalibration
{
    private readonly int bucketsPerDay;
    private readonly double quantile;
    private readonly double[] peaks;
    private readonly double[] scratch;
    private int stored;
    private int next;
    private long currentDay = long.MinValue;
    private double currentPeak;

    public DailyPeakCalibration(DetectorOptions options)
    {
        bucketsPerDay = (int)(TimeSpan.TicksPerDay / options.BucketSize.Ticks);
        peaks = new double[options.PeakHistoryDays];
        quantile = options.PeakQuantile;
        scratch = new double[options.PeakHistoryDays];
    }

    /// <summary>The <see cref="DetectorOptions.PeakQuantile"/> of the stored daily peaks; NaN before the first full day.</summary>
    public double TypicalPeak { get; private set; } = double.NaN;

    public void Update(long bucketIndex, double deviation)
    {
        var day = bucketIndex / bucketsPerDay;
        if (day != currentDay)
        {
            // A day only partly observed (the first one) says little about its peak; skip it.
            if (currentDay != long.MinValue && day == currentDay + 1 && observedBuckets >= bucketsPerDay / 2) Store(currentPeak);
            currentDay = day;
            currentPeak = double.NegativeInfinity;
            observedBuckets = 0;
        }
        observedBuckets++;
        if (deviation > currentPeak) currentPeak = deviation;
    }

    private int observedBuckets;

    private void Store(double peak)
    {
        peaks[next] = peak;
        next = (next + 1) % peaks.Length;
        stored = Math.Min(stored + 1, peaks.Length);
        for (var i = 0; i < stored; i++) scratch[i] = peaks[i];
        var values = scratch.AsSpan(0, stored);
        values.Sort();
        // Empirical quantile with linear interpolation: continuous in the option and meaningful for a young
        // series that has only a few days stored.
        var position = quantile * (stored - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, stored - 1);
        TypicalPeak = values[below] + (position - below) * (values[above] - values[below]);
    }

    internal void WriteState(BinaryWriter writer)
    {
        writer.Write(peaks.Length);
        foreach (var peak in peaks) writer.Write(peak);
        writer.Write(stored);
        writer.Write(next);
        writer.Write(currentDay);
        writer.Write(currentPeak);
        writer.Write(observedBuckets);
        writer.Write(TypicalPeak);
    }

    internal void ReadState(BinaryReader reader)
    {
        SnapshotFormat.Expect(reader.ReadInt32(), peaks.Length, "daily peak history");
        for (var i = 0; i < peaks.Length; i++) peaks[i] = reader.ReadDouble();
        stored = reader.ReadInt32();
        next = reader.ReadInt32();
        currentDay = reader.ReadInt64();
        currentPeak = reader.ReadDouble();
        observedBuckets = reader.ReadInt32();
        TypicalPeak = reader.ReadDouble();
    }
}
