using Crisis.Detection.Buzz;

namespace Crisis.Detection.Replaying;

/// <summary>The brand and the buckets [From, To) whose decisions a replay shows and compares.</summary>
public sealed record ReplayWindow(string BrandId, DateTimeOffset From, DateTimeOffset To)
{
    public bool Contains(object buzzEvent) =>
        BuzzEventFacts.BrandOf(buzzEvent) == BrandId && BuzzEventFacts.BucketOf(buzzEvent) is var bucket && bucket >= From && bucket < To;
}
