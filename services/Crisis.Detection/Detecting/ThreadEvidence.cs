namespace Crisis.Detection.Detecting;

/// <summary>
/// The largest conversation thread of a brand that has not paged yet, as the monitor's thread tracker sees it when a bucket
/// closes (<see cref="Signals.ThreadTracker"/>).
/// </summary>
/// <param name="FirstBucket">Bucket of the thread's first answer: the cascade's onset estimate.</param>
/// <param name="Authors">Distinct authors who answered (replied, quoted, shared).</param>
/// <param name="Scored">Answers whose negativity is known.</param>
/// <param name="Negative">Answers scored negative.</param>
/// <param name="OrdinaryLargest">The largest thread this brand had lately without paging (decayed).</param>
/// <param name="FromSeed">The thread answers a negative post of a far-reaching author (<see cref="Signals.ThreadTracker.SeedFollowers"/>).</param>
public readonly record struct ThreadSignal(long FirstBucket, int Authors, int Scored, int Negative, double OrdinaryLargest, bool FromSeed = false);

/// <summary>
/// Early evidence of a cascade from its structure: one post drawing a crowd of answers, far more than any thread the brand
/// ordinarily has, in a tone more negative than the brand's own. A cascade seeded by one negative post shows this in its
/// first minutes, long before its volume stands out from a loud brand's chatter; a trending hashtag (posts that answer
/// nothing) never does; a campaign's thread does in size but not in tone.
/// <para>
/// The tone is a sequential likelihood ratio over the thread's scored answers: a negative share
/// <see cref="DetectorOptions.ThreadShareRise"/> above the brand's baseline against the baseline itself. A thread in the brand's
/// usual tone loses evidence as it grows (a popular post drawing ordinary talk is not a crisis), a mostly positive one (a
/// campaign post shared around) loses it fast, a complaint thread gains it with every negative answer. A thread that answers
/// a negative post of a far-reaching author starts with <see cref="DetectorOptions.ThreadSeedEvidence"/> in hand.
/// </para>
/// </summary>
public static class ThreadEvidence
{
    /// <summary>The thread's tone evidence over its threshold (1 = enough), 0 when the thread is not large enough to count.</summary>
    public static double Level(in ThreadSignal thread, double baselineShare, DetectorOptions options)
    {
        var large = Math.Max(options.ThreadMinimumAuthors, options.ThreadSizeRatio * thread.OrdinaryLargest);
        if (thread.Authors < large || thread.Negative < options.MinimumNegatives) return 0;
        var rise = options.ThreadShareRise;
        var share = Math.Clamp(baselineShare, 0.01, 0.99 - rise);
        var others = thread.Scored - thread.Negative;
        var evidence = thread.Negative * Math.Log((share + rise) / share) + others * Math.Log((1 - share - rise) / (1 - share));
        // A crowd answering a far-reaching author's complaint is how a cascade starts: prior odds in its favour.
        if (thread.FromSeed) evidence += options.ThreadSeedEvidence;
        return Math.Max(0, evidence) / options.ThreadEvidence;
    }
}
