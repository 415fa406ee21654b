namespace Crisis.Detection.Detecting;

/// <summary>
/// Turns a per-bucket deviation into at most one page per buzz:
/// <list type="bullet">
/// <item>persistence: the deviation must hold above the alert threshold for a while before an episode starts;</item>
/// <item>hysteresis: a running episode only counts as quiet below a lower release threshold, and ends after a
/// quiet period, so a buzz oscillating around the threshold stays one episode;</item>
/// <item>one decision per episode: an episode pages once when it starts and once more if it escalates to Crisis;</item>
/// <item>cooldown: an episode starting soon after the last page is a flare-up of the same buzz and is merged (no page).</item>
/// </list>
/// A positive spike runs an episode like any other (visible as Rising) but pages nobody; if its negativity
/// later turns, the episode pages then.
/// </summary>
public sealed class EpisodeTracker
{
    private readonly double watch;
    private readonly double alert;
    private readonly double release;
    private readonly double crisis;
    private readonly int persistenceBuckets;
    private readonly int quietBuckets;
    private readonly long cooldownBuckets;
    private readonly bool alertOnEscalation;
    private readonly double cooldownOverride;

    private bool inEpisode;
    private bool paged;
    private bool escalated;
    private bool subsiding;
    private int above;
    private int quiet;
    private long lastPage = long.MinValue;
    // Largest deviation (relative to the alert threshold in force) of the last paged episode: the bar a flare-up must clear.
    private double pagedPeak;

    public EpisodeTracker(DetectorOptions options)
    {
        watch = options.WatchThreshold;
        alert = options.AlertThreshold;
        release = options.ReleaseThreshold;
        crisis = options.CrisisThreshold;
        persistenceBuckets = options.Buckets(options.Persistence);
        quietBuckets = options.Buckets(options.QuietPeriod);
        cooldownBuckets = options.Buckets(options.Cooldown, minimum: 0);
        alertOnEscalation = options.AlertOnEscalation;
        cooldownOverride = options.CooldownOverride;
    }

    /// <summary>True while an episode runs (Rising, Crisis or Subsiding).</summary>
    public bool InEpisode => inEpisode;

    /// <param name="bucket">Absolute bucket index (monotonic).</param>
    /// <param name="deviation">Stabilised deviation (Poisson standard deviations).</param>
    /// <param name="thresholdFactor">Multiplier on the watch, alert and crisis thresholds (calibration, warm-up).</param>
    /// <param name="releaseFactor">Multiplier on the release threshold: the series' ordinary spread, so "back to normal" means normal for this brand.</param>
    /// <param name="eligible">Whether this bucket may start or escalate an episode (enough volume and history).</param>
    /// <param name="positive">Whether the spike is positive (volume up, negativity not).</param>
    /// <param name="negativeAlarm">Whether the sequential tests on negative mentions hold enough evidence of a bad buzz
    /// (<see cref="NegativeEvidence"/>): that starts an episode and pages at once, whatever the volume.</param>
    public (BuzzPhase Phase, AlertKind Alert) Update(long bucket, double deviation, double thresholdFactor, double releaseFactor, bool eligible, bool positive, bool negativeAlarm = false)
    {
        // Watch, alert and crisis thresholds scale with the calibration: for a loud brand whose ordinary
        // days peak at 10, 3 is noise, not something to watch. The release threshold scales only with the
        // ordinary spread: an episode ends once volume is back within normal noise, not merely below the
        // (much higher) calibrated alert level.
        var alertAt = alert * thresholdFactor;
        var crisisAt = crisis * thresholdFactor;
        var watchAt = watch * thresholdFactor;
        var releaseAt = release * releaseFactor;
        var strong = eligible && deviation >= alertAt;

        if (!inEpisode)
        {
            above = strong ? above + 1 : 0;
            // A wave already at crisis level is news at its first bucket: waiting for persistence would only
            // delay the page of the buzzes that matter most.
            var massive = eligible && deviation >= crisisAt;
            if (above < persistenceBuckets && !massive && !negativeAlarm) return (deviation >= watchAt ? BuzzPhase.Watch : BuzzPhase.Calm, AlertKind.None);
            inEpisode = true;
            paged = false;
            escalated = false;
            subsiding = false;
            quiet = 0;
            above = 0;
            var kind = TryPage(bucket, positive, deviation / alertAt, AlertKind.EpisodeStart);
            if (deviation >= crisisAt) escalated = true;
            return (escalated ? BuzzPhase.Crisis : BuzzPhase.Rising, kind);
        }

        // Quiet time accrues below the release threshold and is lost only when the series is unusual again
        // (watch level): ordinary noise between the two merely pauses it, or a quiet period of 1-minute buckets
        // would never complete.
        if (deviation < releaseAt) quiet++;
        else if (deviation >= watchAt) quiet = 0;
        if (quiet >= quietBuckets)
        {
            inEpisode = false;
            return (deviation >= watchAt ? BuzzPhase.Watch : BuzzPhase.Calm, AlertKind.None);
        }

        var page = AlertKind.None;
        if ((strong || negativeAlarm) && !paged) page = TryPage(bucket, positive, deviation / alertAt, AlertKind.EpisodeStart);
        if (paged && !positive && deviation / alertAt > pagedPeak) pagedPeak = deviation / alertAt;
        // Fresh negative evidence once the paged buzz had subsided (evidence is spent at each alarm, so this is a new wave of
        // complaints, e.g. a cascade starting while a small earlier buzz is still open) worsens the buzz like volume at crisis
        // level. While the paged wave still runs, its further alarms are the same news.
        var worse = (eligible && deviation >= crisisAt) || (negativeAlarm && paged && subsiding && page == AlertKind.None);
        if (worse && !escalated)
        {
            escalated = true;
            if (page == AlertKind.None && paged && alertOnEscalation && !positive) page = AlertKind.Escalation;
        }

        if (deviation >= alertAt) subsiding = false;
        else if (deviation < releaseAt) subsiding = true;
        var phase = subsiding ? BuzzPhase.Subsiding : escalated ? BuzzPhase.Crisis : BuzzPhase.Rising;
        return (phase, page);
    }

    private AlertKind TryPage(long bucket, bool positive, double relativeDeviation, AlertKind kind)
    {
        if (positive) return AlertKind.None;
        // Within the cooldown a buzz no bigger than the one already paged is a flare-up of it: merged, not
        // re-paged. A bigger one is news for the cell and pages. A merged episode is checked again on each
        // strong bucket, because a wave that started at once (crisis level) is still growing.
        var cooling = lastPage != long.MinValue && bucket - lastPage < cooldownBuckets;
        if (cooling && relativeDeviation <= pagedPeak * cooldownOverride) return AlertKind.None;
        paged = true;
        lastPage = bucket;
        pagedPeak = relativeDeviation;
        return kind;
    }

    internal void WriteState(BinaryWriter writer)
    {
        writer.Write(inEpisode);
        writer.Write(paged);
        writer.Write(escalated);
        writer.Write(subsiding);
        writer.Write(above);
        writer.Write(quiet);
        writer.Write(lastPage);
        writer.Write(pagedPeak);
    }

    internal void ReadState(BinaryReader reader)
    {
        inEpisode = reader.ReadBoolean();
        paged = reader.ReadBoolean();
        escalated = reader.ReadBoolean();
        subsiding = reader.ReadBoolean();
        above = reader.ReadInt32();
        quiet = reader.ReadInt32();
        lastPage = reader.ReadInt64();
        pagedPeak = reader.ReadDouble();
    }
}
