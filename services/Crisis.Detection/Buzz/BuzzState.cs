using Crisis.Detection.Detecting;
using Marten.Events.Aggregation;

namespace Crisis.Detection.Buzz;

/// <summary>A brand's buzz as the dashboard and the crisis cell see it now; one document per buzz stream.</summary>
public sealed record BuzzState
{
    /// <summary>The buzz stream key (<c>buzz/{brand}</c>).</summary>
    public string Id { get; init; } = "";
    public string BrandId { get; init; } = "";
    public BuzzPhase Phase { get; init; }
    public int Severity { get; init; }
    public string? EpisodeId { get; init; }
    public DateTimeOffset? Onset { get; init; }
    public DateTimeOffset? LastChangedAt { get; init; }
    public BuzzEscalated? LastEscalation { get; init; }
    public PositiveSpikeObserved? LastPositiveSpike { get; init; }
    public int Episodes { get; init; }
    public long LateMentions { get; init; }
}

public sealed partial class BuzzStateProjection : SingleStreamProjection<BuzzState, string>
{
    public static BuzzState Create(BuzzMonitoringStarted e) => new() { BrandId = e.BrandId, Phase = BuzzPhase.Calm, Severity = 1, LastChangedAt = e.FirstBucket };

    public static BuzzState Apply(BuzzPhaseChanged e, BuzzState state) => state with
    {
        Phase = e.To,
        Severity = e.Severity,
        EpisodeId = e.EpisodeId,
        Onset = e.From == BuzzPhase.Calm ? e.Bucket : state.Onset,
        LastChangedAt = e.Bucket,
        Episodes = e.From == BuzzPhase.Calm ? state.Episodes + 1 : state.Episodes,
    };

    public static BuzzState Apply(BuzzEscalated e, BuzzState state) => state with { LastEscalation = e, Severity = e.Severity };

    public static BuzzState Apply(PositiveSpikeObserved e, BuzzState state) => state with { LastPositiveSpike = e };

    public static BuzzState Apply(BuzzSubsided e, BuzzState state) => state with { EpisodeId = null };

    public static BuzzState Apply(LateMentionsSetAside e, BuzzState state) => state with { LateMentions = state.LateMentions + e.Count };
}
