namespace Crisis.Detection.Detecting;

/// <summary>
/// Sequential tests on a brand's negative mentions, accumulating evidence bucket by bucket instead of waiting for a window
/// to hold (Page 1954's CUSUM; Lucas 1985 for counts):
/// <list type="bullet">
/// <item><b>Cascade</b>: a Poisson CUSUM on reach-weighted negative counts against the count the brand's baseline share
/// predicts, for a rise of <see cref="DetectorOptions.CascadeRateRatio"/> times. The expected count follows the larger of the
/// seasonal volume and the volume of non-negative mentions actually seen, so a trending hashtag or a campaign (everything
/// up, or only the positive part) brings no evidence, while a wave of complaints does, from its first minutes.</item>
/// <item><b>Slow burn</b>: a binomial CUSUM on the negative share for a rise of <see cref="DetectorOptions.SlowBurnShareRise"/>,
/// which sees a share drifting up over hours even when total volume barely moves.</item>
/// </list>
/// The baseline share is the ratio of two decayed sums started at zero (negatives over scored mentions, half-life
/// <see cref="DetectorOptions.NegativeShareHalfLife"/>), so no early bucket keeps a lasting weight, blended with a prior of
/// <see cref="DetectorOptions.PriorNegativeShare"/> worth <see cref="DetectorOptions.PriorMentions"/> mentions, so a brand's
/// first hours have a sensible baseline. It learns only while neither test is halfway to its threshold, so a buzz does not
/// teach it that a buzz is normal. Allocation-free; part of the detector's snapshot.
/// </summary>
public sealed class NegativeEvidence
{
    private readonly double decay;
    private readonly double logRatio;
    private readonly double ratioMinusOne;
    private readonly double cascadeThreshold;
    private readonly double shareRise;
    private readonly double slowThreshold;
    private readonly double prior;
    private readonly double priorWeight;
    private readonly double minimumNegatives;
    private const double YoungBrandMentions = 4;

    private double negativeSum;
    private double scoredSum;
    private double reachSum;
    private double reachCount;
    // Until its own is learnt (half-life NegativeShareHalfLife), a brand is taken to be twice as bursty as Poisson: a young
    // brand pages on clear evidence only, and its first days' noise does not page (chosen on scenario seeds 1-700).
    private double dispersion = 2;
    private double dispersionWeight;
    private double cascade;
    private double cascadeNegatives;
    private long cascadeStart = long.MinValue;
    private double slow;
    private double slowNegatives;
    private long slowStart = long.MinValue;

    public NegativeEvidence(DetectorOptions options)
    {
        decay = options.DecayPerBucket(options.NegativeShareHalfLife);
        dispersionWeight = decay;
        logRatio = Math.Log(options.CascadeRateRatio);
        ratioMinusOne = options.CascadeRateRatio - 1;
        cascadeThreshold = options.CascadeEvidence;
        shareRise = options.SlowBurnShareRise;
        slowThreshold = options.SlowBurnEvidence;
        prior = options.PriorNegativeShare;
        priorWeight = options.PriorMentions;
        minimumNegatives = options.MinimumNegatives;
    }

    /// <summary>The brand's ordinary negative share: count-weighted, free of start-up bias, pulled towards the prior while data is scarce.</summary>
    public double BaselineShare => (negativeSum + prior * priorWeight) / (scoredSum + priorWeight);

    /// <summary>The cascade test's statistic over its threshold (1 = alarm).</summary>
    public double CascadeLevel => cascade / cascadeThreshold;

    /// <summary>The slow-burn test's statistic over its threshold (1 = alarm).</summary>
    public double SlowBurnLevel => slow / slowThreshold;

    /// <param name="index">Bucket index.</param>
    /// <param name="volume">Mentions in the bucket.</param>
    /// <param name="negatives">Negative mentions (scaled to the volume when some were unscorable), or null when nothing was scored.</param>
    /// <param name="reachWeightedNegatives">Sum of the negative mentions' reach (<c>1 + log10(1 + followers)</c>), when known.</param>
    /// <param name="expectedVolume">The seasonal model's expected mentions for this bucket.</param>
    /// <returns>Whether a test crossed its threshold on this bucket, and the bucket its evidence started to accumulate at (the onset estimate).</returns>
    /// <param name="recentOthers">Non-negative mentions per bucket over the last <see cref="DetectorOptions.CascadeOthersSpan"/>.</param>
    public (bool Alarm, long Onset) Update(long index, double volume, double? negatives, double? reachWeightedNegatives, double expectedVolume, double recentOthers = 0, bool ordinaryVolume = true)
    {
        if (negatives is not { } negative || volume <= 0)
        {
            // Nothing scored: no evidence either way, but time passes (the cascade test drifts down with the expected count).
            Accumulate(index, ref cascade, ref cascadeNegatives, ref cascadeStart, -ratioMinusOne * Math.Max(expectedVolume, 0) * BaselineShare, 0);
            return (false, long.MinValue);
        }

        var share = Math.Clamp(BaselineShare, 0.01, 0.95);
        var others = Math.Max(0, volume - negative);
        // Expected negatives: the baseline share of the volume this bucket should have had, or of the volume its non-negative
        // mentions imply (this bucket's, or the last few minutes' when more), whichever is larger: a spike of everything, or
        // of praise, is not a wave of complaints, even in a minute where chance drew fewer others.
        var expected = Math.Max(share * Math.Max(expectedVolume, 0), share / (1 - share) * Math.Max(others, recentOthers));
        expected = Math.Max(expected, 1e-3);
        var weighted = negative;
        if (reachWeightedNegatives is { } reach && negative > 0 && reachCount > 0)
        {
            // Far-reaching authors weigh more (a typical negative author weighs 1), at most three times the plain count.
            var typical = reachSum / reachCount;
            weighted = Math.Min(3 * negative, reach / typical);
        }
        // Quasi-likelihood: real chatter is burstier than Poisson (threads, retweet storms), so each step is divided by the
        // brand's own dispersion of negative counts, learnt in calm time.
        Accumulate(index, ref cascade, ref cascadeNegatives, ref cascadeStart, (weighted * logRatio - ratioMinusOne * expected) / dispersion, negative);

        var raised = Math.Min(0.99, share + shareRise);
        var slowStep = negative * Math.Log(raised / share) + others * Math.Log((1 - raised) / (1 - share));
        Accumulate(index, ref slow, ref slowNegatives, ref slowStart, slowStep / dispersion, negative);

        var cascadeAlarm = cascade >= cascadeThreshold && cascadeNegatives >= minimumNegatives;
        var slowAlarm = slow >= slowThreshold && slowNegatives >= minimumNegatives;
        var onset = cascadeAlarm ? cascadeStart : slowAlarm ? slowStart : long.MinValue;
        // Until the brand's own mentions outweigh the prior several times, its baseline is still being found: keep learning,
        // or a brand whose ordinary share differs from the prior would be frozen at the prior and page for it.
        var young = scoredSum < YoungBrandMentions * Math.Max(1, priorWeight);
        if (young || (ordinaryVolume && cascade < cascadeThreshold / 2 && slow < slowThreshold / 2))
        {
            Learn(volume, negative, reachWeightedNegatives);
            // Pearson residual squared, clipped so that one odd minute cannot teach the brand that anything goes.
            var residual = Math.Min(25, (negative - expected) * (negative - expected) / expected);
            dispersion = Math.Clamp(dispersion + dispersionWeight * (residual - dispersion), 1, 10);
        }
        return (cascadeAlarm || slowAlarm, onset);
    }

    /// <summary>After a page: the evidence has been used; a new alarm needs new evidence.</summary>
    public void Reset()
    {
        cascade = 0;
        cascadeNegatives = 0;
        cascadeStart = long.MinValue;
        slow = 0;
        slowNegatives = 0;
        slowStart = long.MinValue;
    }

    private static void Accumulate(long index, ref double statistic, ref double negatives, ref long start, double step, double negative)
    {
        var before = statistic;
        statistic = Math.Max(0, statistic + step);
        if (statistic <= 0)
        {
            negatives = 0;
            start = long.MinValue;
            return;
        }
        if (before <= 0) start = index;
        negatives += negative;
    }

    private void Learn(double volume, double negative, double? reachWeightedNegatives)
    {
        // Decayed sums started at zero: every bucket's weight fades at the same pace, the first one's included.
        var keep = 1 - decay;
        negativeSum = keep * negativeSum + negative;
        scoredSum = keep * scoredSum + volume;
        if (reachWeightedNegatives is { } reach && negative > 0)
        {
            reachSum = keep * reachSum + reach;
            reachCount = keep * reachCount + negative;
        }
    }

    internal void WriteState(BinaryWriter writer)
    {
        writer.Write(negativeSum);
        writer.Write(scoredSum);
        writer.Write(reachSum);
        writer.Write(reachCount);
        writer.Write(dispersion);
        writer.Write(cascade);
        writer.Write(cascadeNegatives);
        writer.Write(cascadeStart);
        writer.Write(slow);
        writer.Write(slowNegatives);
        writer.Write(slowStart);
    }

    internal void ReadState(BinaryReader reader)
    {
        negativeSum = reader.ReadDouble();
        scoredSum = reader.ReadDouble();
        reachSum = reader.ReadDouble();
        reachCount = reader.ReadDouble();
        dispersion = reader.ReadDouble();
        cascade = reader.ReadDouble();
        cascadeNegatives = reader.ReadDouble();
        cascadeStart = reader.ReadInt64();
        slow = reader.ReadDouble();
        slowNegatives = reader.ReadDouble();
        slowStart = reader.ReadInt64();
    }
}
