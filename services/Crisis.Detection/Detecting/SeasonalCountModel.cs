namespace Crisis.Detection.Detecting;

/// <summary>
/// Expected mention volume and how far the observed volume departs from it, for count series from very
/// quiet (mostly-zero buckets) to very loud.
/// <list type="bullet">
/// <item>Baseline: median rate of the same time-of-day slot and its two neighbours over the previous days
/// (optionally corrected by a robust local level, see <see cref="DetectorOptions.MaxLevelCorrection"/>);
/// before a day of history exists, the local level alone.</item>
/// <item>Deviation: observed and expected counts are summed over the detection window and compared after
/// Anscombe's variance-stabilising transform 2·sqrt(x + 3/8), under which a Poisson count has unit
/// variance whatever its mean, so one threshold fits a brand with 3 mentions an hour and one with 3,000.</item>
/// <item>The deviation stays in these Poisson units. Social volume is overdispersed, differently for every
/// brand; the threshold is calibrated on the series' own daily peaks (<see cref="DailyPeakCalibration"/>)
/// rather than the deviation divided by a running spread that a buzz inflates (measured on NAB: dividing
/// made the score depend more on the calibration settings, leave-one-out 69 against 73). A robust running
/// spread (clipped, never below the Poisson value 1) measures the brand's overdispersion: it floors the
/// threshold and bounds how much a surge may teach the level.</item>
/// </list>
/// </summary>
public sealed class SeasonalCountModel
{
    private readonly int slotsPerDay;
    private readonly int bucketsPerSlot;
    private readonly int days;
    private readonly int windowBuckets;
    private readonly int warmUpBuckets;
    private readonly double levelWeight;
    private readonly double scaleWeight;
    private readonly double clip;
    private readonly double maxCorrection;

    // Per-slot mean rate for the last days+1 days; a row is reused when its day comes round again.
    private readonly double[] slotRates;
    private readonly long[] rowDay;
    private readonly double[] medianScratch;
    private readonly RollingWindow observed;
    private readonly RollingWindow expected;

    private long currentSlot = long.MinValue;
    private double slotSum;
    private int slotCount;
    private double seasonalRate = double.NaN;
    private double level = double.NaN;
    private double seasonalLevel = double.NaN;
    private double variance = 1.0;
    private long bucketsSeen;

    public SeasonalCountModel(DetectorOptions options)
    {
        slotsPerDay = (int)(TimeSpan.TicksPerDay / options.SeasonalSlot.Ticks);
        bucketsPerSlot = options.Buckets(options.SeasonalSlot);
        days = options.SeasonalDays;
        windowBuckets = options.Buckets(options.DetectionWindow);
        warmUpBuckets = options.Buckets(options.WarmUp, minimum: 0);
        levelWeight = options.DecayPerBucket(options.LevelHalfLife);
        // The scale is learnt from overlapping window sums: each bucket counts once, not windowBuckets times.
        scaleWeight = options.DecayPerBucket(options.ScaleHalfLife);
        clip = options.RobustClip;
        maxCorrection = options.MaxLevelCorrection;
        slotRates = new double[(days + 1) * slotsPerDay];
        Array.Fill(slotRates, double.NaN);
        rowDay = new long[days + 1];
        Array.Fill(rowDay, long.MinValue);
        medianScratch = new double[3 * days];
        observed = new RollingWindow(windowBuckets);
        expected = new RollingWindow(windowBuckets);
    }

    /// <summary>Mentions observed over the detection window ending at the latest bucket.</summary>
    public double ObservedInWindow => observed.Sum;

    /// <summary>Mentions expected over the same window.</summary>
    public double ExpectedInWindow => expected.Sum;

    /// <summary>Expected mentions in the latest bucket.</summary>
    public double ExpectedInBucket => expected.Count == 0 ? 0 : expected[0];

    /// <summary>Robust spread of the stabilised deviation (at least 1, the Poisson value); bounds level learning.</summary>
    public double Scale => Math.Sqrt(variance);

    /// <summary>True once the seasonal baseline is in use (a warm-up's worth of history and a filled slot profile).</summary>
    public bool IsSeasonal => bucketsSeen >= warmUpBuckets && !double.IsNaN(seasonalRate);

    /// <summary>Buckets observed so far.</summary>
    public long BucketsSeen => bucketsSeen;

    /// <summary>Stabilised deviation of the latest window, in Poisson units (what <see cref="Update"/> returned).</summary>
    public double RawDeviation { get; private set; }

    /// <summary>
    /// Adds the bucket with absolute index <paramref name="bucketIndex"/> (time since year 1 divided by the
    /// bucket size, so slots line up with UTC days) and returns the stabilised deviation of the detection window, in Poisson standard deviations.
    /// </summary>
    public double Update(long bucketIndex, double volume)
    {
        var slot = bucketIndex / bucketsPerSlot;
        if (slot != currentSlot) MoveToSlot(slot);
        slotSum += volume;
        slotCount++;

        var expectedNow = ExpectedRate();
        observed.Push(volume);
        expected.Push(expectedNow);
        bucketsSeen++;

        var deviation = Anscombe(observed.Sum) - Anscombe(expected.Sum);
        RawDeviation = deviation;

        // Learn from a clipped view of the present so that a buzz does not become the new normal. The
        // spread only bounds what the level learns; the deviation itself stays in Poisson units.
        var bound = clip * Math.Sqrt(variance);
        var clipped = Math.Clamp(deviation, -bound, bound);
        variance = Math.Max(1.0, variance + scaleWeight * (clipped * clipped - variance));
        var ceiling = expectedNow + clip * Math.Sqrt(expectedNow * variance) + clip;
        var learnt = Math.Min(volume, ceiling);
        level = double.IsNaN(level) ? volume : level + levelWeight * (learnt - level);
        if (!double.IsNaN(seasonalRate))
            seasonalLevel = double.IsNaN(seasonalLevel) ? level : seasonalLevel + levelWeight * (seasonalRate - seasonalLevel);
        return deviation;
    }

    /// <summary>Anscombe's transform: turns a Poisson count into a value of roughly unit variance.</summary>
    public static double Anscombe(double count) => 2.0 * Math.Sqrt(Math.Max(count, 0) + 0.375);

    private double ExpectedRate()
    {
        if (!IsSeasonal) return double.IsNaN(level) ? slotSum / slotCount : level;
        var correction = double.IsNaN(seasonalLevel)
            ? 1.0
            : Math.Clamp((level + 0.05) / (seasonalLevel + 0.05), 1 / maxCorrection, maxCorrection);
        return seasonalRate * correction;
    }

    private void MoveToSlot(long slot)
    {
        if (currentSlot != long.MinValue && slotCount > 0) Store(currentSlot, slotSum / slotCount);
        currentSlot = slot;
        slotSum = 0;
        slotCount = 0;
        seasonalRate = SeasonalMedian(slot);
    }

    private void Store(long slot, double rate)
    {
        var day = slot / slotsPerDay;
        var row = (int)(day % (days + 1));
        if (rowDay[row] != day)
        {
            Array.Fill(slotRates, double.NaN, row * slotsPerDay, slotsPerDay);
            rowDay[row] = day;
        }
        slotRates[row * slotsPerDay + (int)(slot % slotsPerDay)] = rate;
    }

    private double SeasonalMedian(long slot)
    {
        var count = 0;
        for (var back = 1; back <= days; back++)
        {
            for (var offset = -1; offset <= 1; offset++)
            {
                var past = slot - back * (long)slotsPerDay + offset;
                var day = past / slotsPerDay;
                var row = (int)(day % (days + 1));
                if (rowDay[row] != day) continue;
                var rate = slotRates[row * slotsPerDay + (int)(past % slotsPerDay)];
                if (!double.IsNaN(rate)) medianScratch[count++] = rate;
            }
        }
        // Fewer than three values is one noisy day, not a profile.
        return count < 3 ? double.NaN : Median(medianScratch.AsSpan(0, count));
    }

    private static double Median(Span<double> values)
    {
        // Insertion sort: at most 3 × SeasonalDays values, run once per slot.
        for (var i = 1; i < values.Length; i++)
        {
            var v = values[i];
            var j = i - 1;
            while (j >= 0 && values[j] > v)
            {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = v;
        }
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
    }

    internal void WriteState(BinaryWriter writer)
    {
        writer.Write(slotRates.Length);
        foreach (var rate in slotRates) writer.Write(rate);
        foreach (var day in rowDay) writer.Write(day);
        observed.WriteState(writer);
        expected.WriteState(writer);
        writer.Write(currentSlot);
        writer.Write(slotSum);
        writer.Write(slotCount);
        writer.Write(seasonalRate);
        writer.Write(level);
        writer.Write(seasonalLevel);
        writer.Write(variance);
        writer.Write(bucketsSeen);
        writer.Write(RawDeviation);
    }

    internal void ReadState(BinaryReader reader)
    {
        SnapshotFormat.Expect(reader.ReadInt32(), slotRates.Length, "seasonal profile size");
        for (var i = 0; i < slotRates.Length; i++) slotRates[i] = reader.ReadDouble();
        for (var i = 0; i < rowDay.Length; i++) rowDay[i] = reader.ReadInt64();
        observed.ReadState(reader);
        expected.ReadState(reader);
        currentSlot = reader.ReadInt64();
        slotSum = reader.ReadDouble();
        slotCount = reader.ReadInt32();
        seasonalRate = reader.ReadDouble();
        level = reader.ReadDouble();
        seasonalLevel = reader.ReadDouble();
        variance = reader.ReadDouble();
        bucketsSeen = reader.ReadInt64();
        RawDeviation = reader.ReadDouble();
    }
}
