using Crisis.Detection.Buzz;
using Crisis.Detection.Detecting;

namespace Crisis.Detection.Replaying;

/// <summary>
/// The values <see cref="BuzzEventFacts.Describe"/> words in English, by name and number, so that a reader's language
/// can word them (the dashboard's replay page): phases and kinds as enum names, the campaign's name as its owner wrote it.
/// </summary>
public sealed record DecisionFacts(BuzzPhase? From, BuzzPhase? To, bool Positive, AlertKind? Kind, BuzzPhase? Phase, string? Campaign, int? Count)
{
    public static DecisionFacts Of(object buzzEvent) => buzzEvent switch
    {
        BuzzPhaseChanged e => new(e.From, e.To, e.IsPositive, null, null, null, null),
        BuzzEscalated e => new(null, null, false, e.Kind, e.Phase, null, null),
        AlertSuppressedByCampaign e => new(null, null, false, e.Kind, null, e.CampaignName, null),
        PositiveSpikeObserved => new(null, null, true, null, null, null, null),
        LateMentionsSetAside e => new(null, null, false, null, null, null, e.Count),
        _ => new(null, null, false, null, null, null, null),
    };
}
