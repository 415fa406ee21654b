namespace Crisis.Detection.Evaluating.Scenarios;

/// <summary>
/// One brand's generated stream and its truth: when its event starts (<see cref="Onset"/>, the seed post or the start of the
/// ramp) and until when pages belong to it (<see cref="EventEnd"/>). Calm streams have neither.
/// </summary>
public sealed record ScenarioStream(
    int Seed,
    ScenarioKind Kind,
    string BrandId,
    double RatePerMinute,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset? Onset,
    DateTimeOffset? EventEnd,
    IReadOnlyList<ScenarioMention> Mentions)
{
    public TimeSpan Length => End - Start;

    /// <summary>Posts the event itself added (cascade, campaign burst, spike), besides the chatter.</summary>
    public int EventMentions { get; init; }

    /// <summary>Whether a page at <paramref name="at"/> belongs to the stream's event.</summary>
    public bool InEvent(DateTimeOffset at) => Onset is { } onset && EventEnd is { } end && at >= onset && at <= end;
}
