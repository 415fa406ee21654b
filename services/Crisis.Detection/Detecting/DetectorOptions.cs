using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crisis.Detection.Detecting;

/// <summary>
/// Every knob of the bad-buzz detector, with one default that serves every brand, loud or quiet.
/// Durations are expressed in time, not in buckets, and converted with <see cref="BucketSize"/>, so the same
/// configuration runs on 1-minute live buckets and on 5-minute historical series.
/// </summary>
public sealed record DetectorOptions
{
    /// <summary>Width of one volume bucket. Default 1 minute (live); the NAB Twitter series use 5 minutes.</summary>
    public TimeSpan BucketSize { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Length of the rolling sum the deviation is measured on. Summing a few buckets turns the noisy
    /// per-minute counts of quiet brands into something a test can judge. Default 15 minutes.
    /// </summary>
    public TimeSpan DetectionWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Width of one time-of-day slot of the seasonal profile. Default 1 hour (24 slots a day).</summary>
    public TimeSpan SeasonalSlot { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many previous days feed the seasonal baseline (robust median of the same slot and its two
    /// neighbours on each of those days). Default 7, a full week so weekdays and weekends both count.
    /// </summary>
    public int SeasonalDays { get; init; } = 7;

    /// <summary>
    /// Half-life of the robust local level: the baseline before a full day of history exists, and the
    /// drift follower when <see cref="MaxLevelCorrection"/> is above 1. Default 6 hours.
    /// </summary>
    public TimeSpan LevelHalfLife { get; init; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How far the local level may pull the seasonal baseline up or down once it exists, as a multiplicative
    /// factor (2 keeps it within [seasonal/2, seasonal×2]). Default 1: no correction. The correction follows a
    /// drifting brand within hours, but it equally absorbs the first hours of a sustained buzz; the 7-day
    /// median already follows a lasting change within days (NAB standard: 83 without, 77 with ×2).
    /// </summary>
    public double MaxLevelCorrection { get; init; } = 1.0;

    /// <summary>
    /// Half-life of the robust spread of the deviation (overdispersion of social volume beyond Poisson),
    /// which bounds how much a surge teaches the local level. Default 1 day.
    /// </summary>
    public TimeSpan ScaleHalfLife { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Deviations above this many robust spreads are clipped before they update level and spread, so a buzz
    /// does not teach the baseline that a buzz is normal. Default 3.
    /// </summary>
    public double RobustClip { get; init; } = 3.0;

    /// <summary>Number of past days whose daily peak deviation calibrates the alert threshold. Default 14 (two weeks: weekdays and weekends twice).</summary>
    public int PeakHistoryDays { get; init; } = 14;

    /// <summary>
    /// The alert threshold is at least this multiple of the typical (median) daily peak deviation of the
    /// last <see cref="PeakHistoryDays"/>: a buzz must stand out from what an ordinary day's peak reaches.
    /// 0 disables the calibration. Default 1.
    /// </summary>
    public double PeakFactor { get; init; } = 1.0;

    /// <summary>
    /// Which quantile of the last days' peaks is the reference: 1 = the largest (a new record is needed), 0.5 =
    /// the median day. Default 0.9: a buzz must beat all but the biggest tenth of recent days.
    /// </summary>
    public double PeakQuantile { get; init; } = 0.9;

    /// <summary>Deviation (Anscombe, in Poisson standard deviations) that puts the series on Watch; scaled like the alert threshold. Default 3.</summary>
    public double WatchThreshold { get; init; } = 3.0;

    /// <summary>Deviation (Anscombe, in Poisson standard deviations) that, once it has persisted, starts an episode and alerts; the floor under the daily-peak calibration. Default 4.</summary>
    public double AlertThreshold { get; init; } = 4.0;

    /// <summary>
    /// Deviation below which an episode counts as calming down (hysteresis: lower than the alert threshold so
    /// a buzz hovering around the threshold does not flap). Default 2.
    /// </summary>
    public double ReleaseThreshold { get; init; } = 2.0;

    /// <summary>
    /// Deviation at which a running episode escalates to Crisis (and alerts once more); a deviation this large
    /// also starts an episode at once, without waiting for <see cref="Persistence"/>. Default 12.
    /// </summary>
    public double CrisisThreshold { get; init; } = 12.0;

    /// <summary>Whether a running episode that crosses the crisis threshold pages once more. Default true.</summary>
    public bool AlertOnEscalation { get; init; } = true;

    /// <summary>
    /// How long the deviation must stay above the alert threshold before alerting. Keep it shorter than
    /// <see cref="DetectionWindow"/>: a short, sharp burst stays in the window sum only that long (on NAB, 15
    /// minutes of persistence over a 10-minute window misses most bursts). Default 10 minutes.
    /// </summary>
    public TimeSpan Persistence { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the deviation must stay below the release threshold for an episode to end. Default 6 hours.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Minimum time between two episode-start alerts of one series: a buzz that dies down and flares up
    /// again within it is the same buzz, merged into the running decision. Default 1 day.
    /// </summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Within the cooldown, a new episode still pages when its deviation exceeds this multiple of the peak of
    /// the buzz already paged (both relative to the threshold in force): a bigger wave is news. Default 1.
    /// Set very high to merge everything within the cooldown.
    /// </summary>
    public double CooldownOverride { get; init; } = 1.0;

    /// <summary>
    /// Minimum number of mentions in the detection window for an alert: three angry tweets about a quiet
    /// brand are not a crisis however unusual. Default 10.
    /// </summary>
    public double MinimumVolume { get; init; } = 10;

    /// <summary>
    /// During the first <see cref="WarmUp"/> of a series' history there is no seasonal baseline yet; alerts then
    /// need this much more deviation. Default 2 (twice the alert threshold).
    /// </summary>
    public double WarmUpThresholdFactor { get; init; } = 2.0;

    /// <summary>History needed before the seasonal baseline is trusted. Default 1 day.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromDays(1);

    /// <summary>History needed before any alert at all (the running spread needs a few hours). Default 3 hours.</summary>
    public TimeSpan MinimumHistory { get; init; } = TimeSpan.FromHours(3);

    /// <summary>
    /// Span of past deviations the i.i.d. kernel-density p-value is computed over (at least 8 buckets, at
    /// most 64 points: longer spans are subsampled). Default 4 hours.
    /// </summary>
    public TimeSpan IidWindow { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Which side of the residual distribution counts as anomalous for the i.i.d. detector. Default upper.</summary>
    public AnomalySide IidSide { get; init; } = AnomalySide.Upper;

    /// <summary>Number of recent p-values the change-point martingale multiplies. Default 1 hour.</summary>
    public TimeSpan MartingaleWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Betting function of the change-point martingale. Default power.</summary>
    public MartingaleKind Martingale { get; init; } = MartingaleKind.Power;

    /// <summary>Epsilon of the power martingale (ε·p^(ε-1)); smaller bets harder on small p-values. Default 0.1.</summary>
    public double PowerMartingaleEpsilon { get; init; } = 0.1;

    /// <summary>
    /// Number of points the spectral-residual saliency map is computed on (rounded up to a power of two,
    /// including the extrapolated points). Default 32.
    /// </summary>
    public int SpectralWindowPoints { get; init; } = 32;

    /// <summary>
    /// Relative rise of the negative share over its baseline below which a volume spike counts as positive
    /// (a campaign, a launch) and pages nobody. Default 0.25 (negative share must rise by 25% or more).
    /// </summary>
    public double NegativeShareRise { get; init; } = 0.25;

    /// <summary>
    /// Smallest rise of the negative share, in share points, that makes a spike negative, whatever the
    /// relative rise. Default 0.05 (5 points): a brand with no negative mentions at all is not in crisis
    /// because 1% of a campaign's mentions are negative.
    /// </summary>
    public double NegativeShareMinimumRise { get; init; } = 0.05;

    /// <summary>
    /// Standard errors (binomial, over the detection window's scored mentions) the negative share must also rise by for a
    /// volume spike to count as negative. Default 3: a spike at the ordinary share, long enough, crosses a few points by luck.
    /// </summary>
    public double NegativeShareSignificance { get; init; } = 3.0;

    /// <summary>Half-life of the baseline negative share. Default 1 day.</summary>
    public TimeSpan NegativeShareHalfLife { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The cascade test looks for negative mentions at this many times the count the brand's baseline share predicts
    /// (<see cref="NegativeEvidence"/>). Default 4 (chosen on scenario seeds 1-700, see docs/detection.md).
    /// </summary>
    public double CascadeRateRatio { get; init; } = 4.0;

    /// <summary>
    /// Evidence (log-likelihood ratio) the cascade test must accumulate before it pages. Higher: fewer false pages, later
    /// pages. Default 8.
    /// </summary>
    public double CascadeEvidence { get; init; } = 8.0;

    /// <summary>
    /// The cascade test reads the non-negative mentions of a bucket against their average over this span, whichever is
    /// larger, when it predicts how many negatives the bucket should hold. Default 5 minutes: in a burst of everything one
    /// minute's draw of fewer others must not read as a jump in complaints.
    /// </summary>
    public TimeSpan CascadeOthersSpan { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The slow-burn test looks for the negative share this far above its baseline (absolute). Default 0.1.</summary>
    public double SlowBurnShareRise { get; init; } = 0.1;

    /// <summary>Evidence (log-likelihood ratio) the slow-burn test must accumulate before it pages. Default 7.</summary>
    public double SlowBurnEvidence { get; init; } = 7.0;

    /// <summary>Negative mentions a test's evidence must hold before it pages: a few complaints are not a buzz. Default 5.</summary>
    public double MinimumNegatives { get; init; } = 5;

    /// <summary>
    /// Distinct authors a thread (answers to one post) needs before its tone counts as evidence of a cascade
    /// (<see cref="ThreadEvidence"/>). Default 8.
    /// </summary>
    public int ThreadMinimumAuthors { get; init; } = 8;

    /// <summary>
    /// A thread must also draw this many times the authors of the largest thread the brand had lately without paging, so a
    /// brand whose own posts draw crowds needs a larger crowd. Default 0.5 (chosen on scenario seeds 1-700: at 1 or 2, a
    /// popular post of the days before hid a smaller cascade; tone does most of the work).
    /// </summary>
    public double ThreadSizeRatio { get; init; } = 0.5;

    /// <summary>The thread test weighs a negative share this far above the brand's baseline against the baseline. Default 0.2.</summary>
    public double ThreadShareRise { get; init; } = 0.2;

    /// <summary>
    /// Evidence (log-likelihood ratio) a large thread's tone must hold before it pages. Default 4 (chosen on scenario seeds
    /// 1-700: at 2 and 3, popular posts in a brand's usual tone paged now and then).
    /// </summary>
    public double ThreadEvidence { get; init; } = 4;

    /// <summary>
    /// Evidence a large thread starts with when it answers a negative post of a far-reaching author (5,000 followers or
    /// more): how a cascade usually starts. Default 3 (chosen on scenario seeds 1-700 against 0 and 2).
    /// </summary>
    public double ThreadSeedEvidence { get; init; } = 3;

    /// <summary>
    /// The negative share a brand is assumed to have before it has any history (documented default: 0.3, about what the
    /// brands in the shared sentiment corpus show). Its weight fades as the brand's own mentions come in.
    /// </summary>
    public double PriorNegativeShare { get; init; } = 0.3;

    /// <summary>How many mentions the prior share is worth. Default 50.</summary>
    public double PriorMentions { get; init; } = 50;

    /// <summary>
    /// Longest gap between two observed buckets that is filled with zero-volume buckets; a longer silence
    /// (an outage of the feed) resets the short-term windows instead. Default 7 days.
    /// </summary>
    public TimeSpan MaximumGap { get; init; } = TimeSpan.FromDays(7);

    // Threads count at most this many distinct authors (Signals.ThreadTracker.MaxAuthorsCounted).
    private const int ThreadTrackerLimit = 64;

    /// <summary>The defaults, in one place.</summary>
    public static DetectorOptions Default { get; } = new();

    /// <summary>Options for another bucket size, every duration unchanged.</summary>
    public DetectorOptions WithBucketSize(TimeSpan bucketSize) => this with { BucketSize = bucketSize };

    /// <summary>Converts a duration into a whole number of buckets, at least <paramref name="minimum"/>.</summary>
    public int Buckets(TimeSpan duration, int minimum = 1)
    {
        var buckets = (int)Math.Round(duration.Ticks / (double)BucketSize.Ticks, MidpointRounding.AwayFromZero);
        return Math.Max(minimum, buckets);
    }

    /// <summary>Converts a half-life into the per-bucket weight of an exponential moving average.</summary>
    public double DecayPerBucket(TimeSpan halfLife) => 1.0 - Math.Pow(0.5, BucketSize.Ticks / (double)halfLife.Ticks);

    /// <summary>Throws <see cref="DetectorOptionsException"/> naming the first invalid field.</summary>
    public DetectorOptions Validate()
    {
        RequirePositive(BucketSize, nameof(BucketSize));
        if (TimeSpan.FromDays(1).Ticks % BucketSize.Ticks != 0)
            throw new DetectorOptionsException(nameof(BucketSize), "must divide one day evenly (1, 5, 15 minutes…)");
        // Windows shorter than a bucket round up to one bucket, so the defaults also serve coarse (hourly) series.
        RequirePositive(DetectionWindow, nameof(DetectionWindow));
        RequireAtLeastOneBucket(SeasonalSlot, nameof(SeasonalSlot));
        if (TimeSpan.FromDays(1).Ticks % SeasonalSlot.Ticks != 0 || SeasonalSlot.Ticks % BucketSize.Ticks != 0)
            throw new DetectorOptionsException(nameof(SeasonalSlot), "must divide one day evenly and be a multiple of BucketSize");
        RequireRange(SeasonalDays, 1, 56, nameof(SeasonalDays));
        RequirePositive(LevelHalfLife, nameof(LevelHalfLife));
        RequireRange(MaxLevelCorrection, 1, 100, nameof(MaxLevelCorrection));
        RequirePositive(ScaleHalfLife, nameof(ScaleHalfLife));
        RequireRange(RobustClip, 1, 100, nameof(RobustClip));
        RequireRange(PeakHistoryDays, 1, 56, nameof(PeakHistoryDays));
        RequireRange(PeakFactor, 0, 100, nameof(PeakFactor));
        RequireRange(PeakQuantile, 0, 1, nameof(PeakQuantile));
        RequireRange(WatchThreshold, 0, 1000, nameof(WatchThreshold));
        RequireRange(AlertThreshold, WatchThreshold, 1000, nameof(AlertThreshold));
        RequireRange(ReleaseThreshold, 0, AlertThreshold, nameof(ReleaseThreshold));
        RequireRange(CrisisThreshold, AlertThreshold, 1000, nameof(CrisisThreshold));
        RequireNonNegative(Persistence, nameof(Persistence));
        RequireNonNegative(QuietPeriod, nameof(QuietPeriod));
        RequireNonNegative(Cooldown, nameof(Cooldown));
        RequireRange(CooldownOverride, 0, double.MaxValue, nameof(CooldownOverride));
        RequireRange(MinimumVolume, 0, double.MaxValue, nameof(MinimumVolume));
        RequireRange(WarmUpThresholdFactor, 1, 100, nameof(WarmUpThresholdFactor));
        RequireNonNegative(WarmUp, nameof(WarmUp));
        RequireNonNegative(MinimumHistory, nameof(MinimumHistory));
        RequirePositive(IidWindow, nameof(IidWindow));
        if (Buckets(IidWindow) > 4096)
            throw new DetectorOptionsException(nameof(IidWindow), "must span at most 4096 buckets");
        if (!Enum.IsDefined(IidSide))
            throw new DetectorOptionsException(nameof(IidSide), "must be Upper, Lower or TwoSided");
        RequirePositive(MartingaleWindow, nameof(MartingaleWindow));
        if (!Enum.IsDefined(Martingale))
            throw new DetectorOptionsException(nameof(Martingale), "must be Power or Mixture");
        RequireRange(PowerMartingaleEpsilon, 1e-6, 1 - 1e-6, nameof(PowerMartingaleEpsilon));
        RequireRange(SpectralWindowPoints, 16, 1024, nameof(SpectralWindowPoints));
        RequireRange(NegativeShareRise, 0, 100, nameof(NegativeShareRise));
        RequireRange(NegativeShareMinimumRise, 0, 1, nameof(NegativeShareMinimumRise));
        RequireRange(NegativeShareSignificance, 0, 100, nameof(NegativeShareSignificance));
        RequirePositive(NegativeShareHalfLife, nameof(NegativeShareHalfLife));
        RequireRange(CascadeRateRatio, 1.01, 100, nameof(CascadeRateRatio));
        RequireRange(CascadeEvidence, 0.1, 1_000_000, nameof(CascadeEvidence));
        RequireRange(SlowBurnShareRise, 0.01, 0.9, nameof(SlowBurnShareRise));
        RequireRange(SlowBurnEvidence, 0.1, 1_000_000, nameof(SlowBurnEvidence));
        RequirePositive(CascadeOthersSpan, nameof(CascadeOthersSpan));
        RequireRange(MinimumNegatives, 0, 1_000_000, nameof(MinimumNegatives));
        RequireRange(ThreadMinimumAuthors, 2, ThreadTrackerLimit, nameof(ThreadMinimumAuthors));
        RequireRange(ThreadSizeRatio, 0, 100, nameof(ThreadSizeRatio));
        RequireRange(ThreadShareRise, 0.01, 0.9, nameof(ThreadShareRise));
        RequireRange(ThreadEvidence, 0.1, 1_000_000, nameof(ThreadEvidence));
        RequireRange(ThreadSeedEvidence, 0, 1_000_000, nameof(ThreadSeedEvidence));
        RequireRange(PriorNegativeShare, 0.01, 0.95, nameof(PriorNegativeShare));
        RequireRange(PriorMentions, 0, 1_000_000, nameof(PriorMentions));
        RequireAtLeastOneBucket(MaximumGap, nameof(MaximumGap));
        return this;
    }

    private void RequireAtLeastOneBucket(TimeSpan value, string field)
    {
        RequirePositive(value, field);
        if (value < BucketSize)
            throw new DetectorOptionsException(field, $"must be at least one bucket ({BucketSize:c})");
    }

    private static void RequirePositive(TimeSpan value, string field)
    {
        if (value <= TimeSpan.Zero)
            throw new DetectorOptionsException(field, "must be a positive duration");
    }

    private static void RequireNonNegative(TimeSpan value, string field)
    {
        if (value < TimeSpan.Zero)
            throw new DetectorOptionsException(field, "must not be negative");
    }

    private static void RequireRange(double value, double min, double max, string field)
    {
        if (double.IsNaN(value) || value < min || value > max)
            throw new DetectorOptionsException(field, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"must be between {min} and {max}, was {value}"));
    }

    /// <summary>Reads options from JSON (property names as in this record, durations as "hh:mm:ss" or "d.hh:mm:ss"), then validates them.</summary>
    public static DetectorOptions FromJson(string json)
    {
        DetectorOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<DetectorOptions>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var path = (e.Path ?? "").TrimStart('$', '.');
            var field = path.Length == 0 ? "(document)" : path;
            throw new DetectorOptionsException(field, e.Message, e);
        }
        return (options ?? throw new DetectorOptionsException("(document)", "is empty")).Validate();
    }

    /// <summary>Loads options from a JSON file; see <see cref="FromJson"/>.</summary>
    public static DetectorOptions Load(string path) => FromJson(File.ReadAllText(path));

    /// <summary>The options as indented JSON, the format <see cref="FromJson"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };
}
