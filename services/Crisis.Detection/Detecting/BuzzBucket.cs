namespace Crisis.Detection.Detecting;

/// <summary>
/// What was said about one brand during one bucket of time.
/// </summary>
/// <param name="Start">Event time of the bucket (any instant inside it; buckets are aligned on UTC).</param>
/// <param name="Volume">Number of mentions.</param>
/// <param name="NegativeVolume">Mentions scored negative; null when negativity is not known.</param>
/// <param name="ReachWeightedNegativeVolume">Negative mentions weighted by their authors' reach; null when unknown.</param>
/// <param name="UniqueAuthors">Distinct authors among the mentions; null when unknown.</param>
/// <param name="Thread">The brand's largest thread not yet paged, when mentions carry what they answer.</param>
public readonly record struct BuzzBucket(
    DateTimeOffset Start,
    double Volume,
    double? NegativeVolume = null,
    double? ReachWeightedNegativeVolume = null,
    double? UniqueAuthors = null,
    ThreadSignal? Thread = null);
