namespace Crisis.Detection.Detecting;

/// <summary>
/// Streaming bad-buzz detector for one brand's series: feed it one bucket at a time, in event-time order,
/// and it answers with a <see cref="BuzzDecision"/>. Deterministic (no clock, no randomness: the same buckets
/// give the same decisions) and allocation-free per bucket.
/// <para>
/// How the parts combine: the <see cref="SeasonalCountModel"/> gives the deviation (Poisson units) that
/// drives every decision; the threshold it is held against is calibrated per series on its overdispersion
/// and on its recent daily peaks (<see cref="DailyPeakCalibration"/>); the <see cref="EpisodeTracker"/> turns
/// it into at most one page per buzz; negativity decides whether a spike is positive. The i.i.d.
/// kernel-density p-value, its change-point martingale and the spectral-residual saliency are computed and
/// reported with each decision (evidence for the UI and for what-if runs) but do not gate the page: on the
/// NAB Twitter series none of them separated the labelled bursts from the others, while the calibrated,
/// persistent seasonal deviation did.
/// </para>
/// Not thread-safe: one instance per series, driven by one projection.
/// </summary>
public sealed class BuzzDetector
{
    /// <summary>Lowest severity of a page raised by the sequential tests on negatives (the crisis cell opens incidents from 5 by default).</summary>
    public const int NegativeEvidenceSeverity = 5;

    private readonly DetectorOptions options;
    private readonly long bucketTicks;
    private readonly int maxGapBuckets;
    private readonly int minimumHistoryBuckets;
    private readonly int warmUpBuckets;
    private readonly double shareWeight;

    private readonly SeasonalCountModel model;
    private readonly IidSpikeDetector iid;
    private readonly ChangePointMartingale martingale;
    private readonly SpectralResidualDetector spectral;
    private readonly EpisodeTracker episodes;
    private readonly DailyPeakCalibration peaks;
    private readonly RollingWindow recentVolume;
    private readonly RollingWindow negative;
    private readonly RollingWindow volumeWithNegativity;
    private readonly RollingWindow reach;
    private readonly NegativeEvidence negativeEvidence;
    private readonly int othersBuckets;

    private long lastBucket = long.MinValue;
    private double baselineReach = double.NaN;
    private int bucketsWithReach;

    public BuzzDetector(DetectorOptions options)
    {
        this.options = options.Validate();
        bucketTicks = options.BucketSize.Ticks;
        maxGapBuckets = options.Buckets(options.MaximumGap);
        minimumHistoryBuckets = options.Buckets(options.MinimumHistory, minimum: 0);
        warmUpBuckets = options.Buckets(options.WarmUp, minimum: 0);
        shareWeight = options.DecayPerBucket(options.NegativeShareHalfLife);
        var window = options.Buckets(options.DetectionWindow);

        model = new SeasonalCountModel(options);
        iid = new IidSpikeDetector(Math.Max(IidSpikeDetector.MinPoints, options.Buckets(options.IidWindow)), options.IidSide);
        martingale = new ChangePointMartingale(options.Buckets(options.MartingaleWindow), options.Martingale, options.PowerMartingaleEpsilon);
        spectral = new SpectralResidualDetector(options.SpectralWindowPoints);
        episodes = new EpisodeTracker(options);
        peaks = new DailyPeakCalibration(options);
        recentVolume = new RollingWindow(2 * window);
        negative = new RollingWindow(window);
        volumeWithNegativity = new RollingWindow(window);
        reach = new RollingWindow(window);
        negativeEvidence = new NegativeEvidence(options);
        othersBuckets = Math.Min(window, options.Buckets(options.CascadeOthersSpan));
    }

    public DetectorOptions Options => options;

    /// <summary>Start of the last observed bucket, if any.</summary>
    public DateTimeOffset? LastBucket => lastBucket == long.MinValue ? null : BucketStart(lastBucket);

    /// <summary>Convenience overload of <see cref="Observe(in BuzzBucket)"/>.</summary>
    public BuzzDecision Observe(DateTimeOffset bucket, double volume, double? negativeVolume = null) =>
        Observe(new BuzzBucket(bucket, volume, negativeVolume));

    /// <summary>
    /// Observes the next bucket. Buckets must come in increasing time order; missing buckets in between
    /// count as zero mentions (at most <see cref="DetectorOptions.MaximumGap"/> of them are replayed).
    /// </summary>
    /// <exception cref="ArgumentException">The bucket is not later than the previous one, or a count is negative or not finite.</exception>
    public BuzzDecision Observe(in BuzzBucket bucket)
    {
        if (!(bucket.Volume >= 0) || double.IsInfinity(bucket.Volume))
            throw new ArgumentException($"Volume must be a finite non-negative count, was {bucket.Volume.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", nameof(bucket));
        var index = bucket.Start.UtcTicks / bucketTicks;
        if (lastBucket != long.MinValue)
        {
            if (index <= lastBucket)
                throw new ArgumentException($"Bucket {bucket.Start:O} is not later than the previous bucket {BucketStart(lastBucket):O}.", nameof(bucket));
            var gap = index - lastBucket - 1;
            for (var missing = Math.Max(lastBucket + 1, index - Math.Min(gap, maxGapBuckets)); missing < index; missing++)
                Step(missing, 0, null, null, null, null);
        }
        return Step(index, bucket.Volume, bucket.NegativeVolume, bucket.ReachWeightedNegativeVolume, bucket.UniqueAuthors, bucket.Thread);
    }

    private DateTimeOffset BucketStart(long index) => new(index * bucketTicks, TimeSpan.Zero);

    private BuzzDecision Step(long index, double volume, double? negativeVolume, double? reachVolume, double? authors, ThreadSignal? thread)
    {
        lastBucket = index;
        var deviation = model.Update(index, volume);
        var pValue = iid.Update(deviation);
        var changeScore = martingale.Update(pValue);
        spectral.Push(SeasonalCountModel.Anscombe(volume));
        recentVolume.Push(volume);
        negative.Push(negativeVolume ?? 0);
        volumeWithNegativity.Push(negativeVolume.HasValue ? volume : 0);
        reach.Push(reachVolume ?? 0);
        if (reachVolume.HasValue) bucketsWithReach++;

        var history = model.BucketsSeen;
        var thresholdFactor = ThresholdFactor(history);
        peaks.Update(index, deviation);
        var eligible = history >= minimumHistoryBuckets && model.ObservedInWindow >= options.MinimumVolume;
        var unusual = deviation >= options.WatchThreshold * thresholdFactor;
        var negativeShare = NegativeShare();
        // The sequential tests learn from the first bucket on, but page only once the brand has a little history.
        // A thread's tone is judged against the baseline as it stood before this bucket taught it anything of the thread.
        var threadLevel = thread is { } answers ? ThreadEvidence.Level(answers, negativeEvidence.BaselineShare, options) : 0;
        var (negativeAlarm, onsetIndex) = negativeEvidence.Update(index, volume, negativeVolume, reachVolume, model.ExpectedInBucket, RecentOthers(), ordinaryVolume: !unusual);
        var threadAlarm = threadLevel >= 1 && history >= minimumHistoryBuckets;
        negativeAlarm &= history >= minimumHistoryBuckets;
        if (threadAlarm && (!negativeAlarm || thread!.Value.FirstBucket < onsetIndex)) onsetIndex = thread!.Value.FirstBucket;
        negativeAlarm |= threadAlarm;
        var positive = unusual && !negativeAlarm && IsPositive(negativeShare);
        var spectralScore = unusual ? spectral.Score() : 0;

        var (phase, alert) = episodes.Update(index, deviation, thresholdFactor, Math.Max(1.0, model.Scale), eligible, positive, negativeAlarm);
        // Evidence is spent once it has paged or fed an episode already paged: a new page needs new evidence.
        if (negativeAlarm) negativeEvidence.Reset();
        DateTimeOffset? onset = negativeAlarm && alert != AlertKind.None && onsetIndex != long.MinValue ? BucketStart(onsetIndex) : null;
        var severity = Severity(deviation / thresholdFactor, negativeShare, authors, volume);
        // An alarm of the sequential tests is a bad buzz by design, even while its volume is still small: it rates at least
        // the crisis cell's default opening severity, or the earliest pages would open no incident.
        if (negativeAlarm) severity = Math.Max(severity, NegativeEvidenceSeverity);
        var threshold = options.AlertThreshold * thresholdFactor;
        // Relative to the threshold in force, so a score means the same for a loud and a quiet brand:
        // 0.5 at the threshold, 0.12 at half of it, 0.98 at twice it.
        var score = 1.0 / (1.0 + Math.Exp(-4 * (deviation / threshold - 1)));

        if (!unusual && !episodes.InEpisode) LearnBaselines(reachVolume);
        return new BuzzDecision(BucketStart(index), score, alert, phase, severity, positive, deviation,
            threshold, model.ObservedInWindow, model.ExpectedInWindow, pValue, changeScore, spectralScore)
        {
            Onset = onset,
            CascadeEvidence = negativeEvidence.CascadeLevel,
            SlowBurnEvidence = negativeEvidence.SlowBurnLevel,
            ThreadEvidence = threadLevel,
            ThreadAlarm = threadAlarm,
        };
    }

    /// <summary>
    /// Multiplier on every threshold: the largest of 1, the deviation's robust spread (overdispersion: a
    /// threshold in Poisson units would page a bursty brand constantly) and the calibration on recent daily
    /// peaks; during warm-up, the spread times <see cref="DetectorOptions.WarmUpThresholdFactor"/>.
    /// </summary>
    private double ThresholdFactor(long history)
    {
        var spread = model.Scale;
        if (history < warmUpBuckets) return options.WarmUpThresholdFactor * spread;
        var typical = peaks.TypicalPeak;
        var calibrated = double.IsNaN(typical) ? 1.0 : options.PeakFactor * typical / options.AlertThreshold;
        return Math.Max(1.0, Math.Max(spread, calibrated));
    }

    private double NegativeShare() =>
        volumeWithNegativity.Sum > 0 ? negative.Sum / volumeWithNegativity.Sum : double.NaN;

    private bool IsPositive(double negativeShare)
    {
        if (double.IsNaN(negativeShare)) return false;
        var baselineShare = negativeEvidence.BaselineShare;
        // Negative only when the share rises both relatively and by a few points (from 0% to 1% is noise), and by more than
        // chance over the window's scored mentions: a long spike at the ordinary share crosses a few points by luck.
        var rise = Math.Max(baselineShare * options.NegativeShareRise, options.NegativeShareMinimumRise);
        var p = Math.Clamp(baselineShare, 0.01, 0.99);
        var chance = options.NegativeShareSignificance * Math.Sqrt(p * (1 - p) / Math.Max(1, volumeWithNegativity.Sum));
        return negativeShare <= baselineShare + Math.Max(rise, chance);
    }

    private void LearnBaselines(double? reachVolume)
    {
        if (reachVolume.HasValue)
            baselineReach = double.IsNaN(baselineReach) ? reachVolume.Value : baselineReach + shareWeight * (reachVolume.Value - baselineReach);
    }

    /// <summary>
    /// 1-10 from the weighted mean of what is known: deviation (0.45), negativity (0.25), reach relative to
    /// its baseline (0.15) and velocity, the growth of the last window over the one before (0.15).
    /// </summary>
    private int Severity(double deviation, double negativeShare, double? authors, double volume)
    {
        if (deviation < options.WatchThreshold) return 1;
        var total = 0.0;
        var weights = 0.0;
        var spread = Math.Log(1 + 2 * options.CrisisThreshold / Math.Max(options.WatchThreshold, 1e-9));
        var deviationPart = Math.Clamp(Math.Log(1 + deviation / Math.Max(options.WatchThreshold, 1e-9)) / spread, 0, 1);
        total += 0.45 * deviationPart;
        weights += 0.45;
        if (!double.IsNaN(negativeShare))
        {
            total += 0.25 * Math.Clamp(negativeShare, 0, 1);
            weights += 0.25;
        }
        if (bucketsWithReach > 0 && !double.IsNaN(baselineReach))
        {
            var expectedReach = Math.Max(baselineReach * reach.Count, 1e-9);
            total += 0.15 * Math.Clamp(Math.Log2(1 + reach.Sum / expectedReach) / 5, 0, 1);
            weights += 0.15;
        }
        var window = negative.Capacity;
        var latest = recentVolume.SumOfNewest(window);
        var before = recentVolume.Sum - latest;
        total += 0.15 * Math.Clamp(Math.Log2((latest + 1) / (before + 1)) / 4, 0, 1);
        weights += 0.15;
        // Many mentions from few authors (a bot, one angry thread) weigh less than a crowd.
        if (authors.HasValue && volume > 0) total *= Math.Clamp(0.5 + authors.Value / volume, 0.5, 1);
        return 1 + (int)Math.Round(9 * total / weights, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Non-negative mentions per bucket over the last few minutes (scored buckets only). In a burst of everything (a trending
    /// hashtag) one minute can draw more negatives and fewer others by chance; measured against that minute's others alone,
    /// it reads as a jump in complaints.
    /// </summary>
    private double RecentOthers()
    {
        var buckets = Math.Min(othersBuckets, negative.Count);
        return buckets == 0 ? 0 : (volumeWithNegativity.SumOfNewest(buckets) - negative.SumOfNewest(buckets)) / buckets;
    }

    /// <summary>Captures the full state; see <see cref="BuzzDetectorSnapshot"/>.</summary>
    public BuzzDetectorSnapshot Snapshot()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(SnapshotFormat.Version);
            writer.Write(bucketTicks);
            writer.Write(lastBucket);
            writer.Write(baselineReach);
            writer.Write(bucketsWithReach);
            model.WriteState(writer);
            iid.WriteState(writer);
            martingale.WriteState(writer);
            spectral.WriteState(writer);
            episodes.WriteState(writer);
            peaks.WriteState(writer);
            recentVolume.WriteState(writer);
            negative.WriteState(writer);
            volumeWithNegativity.WriteState(writer);
            reach.WriteState(writer);
            negativeEvidence.WriteState(writer);
        }
        return new BuzzDetectorSnapshot(SnapshotFormat.Version, LastBucket, stream.ToArray());
    }

    /// <summary>Rebuilds a detector from a snapshot taken with the same options.</summary>
    /// <exception cref="InvalidDataException">The snapshot's format or shape does not match the options.</exception>
    public static BuzzDetector Restore(DetectorOptions options, BuzzDetectorSnapshot snapshot)
    {
        var detector = new BuzzDetector(options);
        using var reader = new BinaryReader(new MemoryStream(snapshot.State));
        var version = reader.ReadInt32();
        if (version != SnapshotFormat.Version && version != SnapshotFormat.BeforeNegativeEvidence)
            SnapshotFormat.Expect(version, SnapshotFormat.Version, "format version");
        SnapshotFormat.Expect(reader.ReadInt64(), detector.bucketTicks, "bucket size (ticks)");
        detector.lastBucket = reader.ReadInt64();
        // A snapshot taken before the sequential tests existed held the old, start-up-biased share baseline: dropped, the
        // tests start from the prior and learn the brand's share again (an upgrade needs no replay of the series).
        if (version == SnapshotFormat.BeforeNegativeEvidence)
        {
            reader.ReadDouble();
            reader.ReadDouble();
        }
        detector.baselineReach = reader.ReadDouble();
        detector.bucketsWithReach = reader.ReadInt32();
        detector.model.ReadState(reader);
        detector.iid.ReadState(reader);
        detector.martingale.ReadState(reader);
        detector.spectral.ReadState(reader);
        detector.episodes.ReadState(reader);
        detector.peaks.ReadState(reader);
        detector.recentVolume.ReadState(reader);
        detector.negative.ReadState(reader);
        detector.volumeWithNegativity.ReadState(reader);
        detector.reach.ReadState(reader);
        if (version >= SnapshotFormat.Version) detector.negativeEvidence.ReadState(reader);
        return detector;
    }
}
