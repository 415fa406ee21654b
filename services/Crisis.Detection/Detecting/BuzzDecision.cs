namespace Crisis.Detection.Detecting;

/// <summary>
/// The detector's verdict on one bucket.
/// </summary>
/// <param name="Bucket">Start of the bucket (aligned on the bucket grid).</param>
/// <param name="AnomalyScore">How unusual the volume is, in [0,1]: 0.5 at the alert threshold in force, 0.12 at half of it, 0.98 at twice it.</param>
/// <param name="Alert">Whether this bucket pages the crisis cell (episode start or escalation); never for a positive spike.</param>
/// <param name="Phase">Where the series stands in the life of a buzz.</param>
/// <param name="Severity">1 (barely unusual) to 10 (massive, negative, far-reaching, accelerating).</param>
/// <param name="IsPositive">Volume is up but the negative share is not: a campaign or good news, shown but not paged.</param>
/// <param name="Deviation">Stabilised (Anscombe) deviation of the detection window from its baseline, in Poisson standard deviations.</param>
/// <param name="Threshold">Alert threshold in force for this bucket (raised during warm-up and by the daily-peak calibration).</param>
/// <param name="ObservedVolume">Mentions over the detection window.</param>
/// <param name="ExpectedVolume">Baseline mentions over the detection window.</param>
/// <param name="IidPValue">P-value of the deviation under the recent kernel density (i.i.d. spike detector).</param>
/// <param name="ChangePointScore">Log of the change-point martingale over its window.</param>
/// <param name="SpectralScore">Spectral-residual saliency of the previous bucket (the transform needs one bucket of right context); 0 when not computed (calm buckets).</param>
public readonly record struct BuzzDecision(
    DateTimeOffset Bucket,
    double AnomalyScore,
    AlertKind Alert,
    BuzzPhase Phase,
    int Severity,
    bool IsPositive,
    double Deviation,
    double Threshold,
    double ObservedVolume,
    double ExpectedVolume,
    double IidPValue,
    double ChangePointScore,
    double SpectralScore)
{
    /// <summary>True when this bucket pages the crisis cell.</summary>
    public bool IsAlert => Alert != AlertKind.None;

    /// <summary>
    /// For a page raised by negative evidence: the bucket that evidence started to accumulate at (change-point backdating),
    /// an estimate of the buzz's onset earlier than the page. Null otherwise.
    /// </summary>
    public DateTimeOffset? Onset { get; init; }

    /// <summary>The cascade test's evidence over its threshold (1 pages): see <see cref="NegativeEvidence"/>.</summary>
    public double CascadeEvidence { get; init; }

    /// <summary>The slow-burn test's evidence over its threshold (1 pages).</summary>
    public double SlowBurnEvidence { get; init; }

    /// <summary>The largest unpaged thread's evidence over its threshold (1 pages): see <see cref="Detecting.ThreadEvidence"/>.</summary>
    public double ThreadEvidence { get; init; }

    /// <summary>The largest unpaged thread raised the alarm on this bucket: it is spent, its growth is the same buzz.</summary>
    public bool ThreadAlarm { get; init; }
}
