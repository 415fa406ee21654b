using System.Text.Json;
using Crisis.Detection.Buzz;

namespace Crisis.Detection.Replaying;

/// <summary>What replay and what-if runs need to know of any buzz event: its brand, its bucket, a comparable text.</summary>
public static class BuzzEventFacts
{
    public static string BrandOf(object buzzEvent) =>
        buzzEvent is BuzzEvent e ? e.BrandId : throw new InvalidOperationException($"not a buzz event: {buzzEvent.GetType().Name}");

    public static DateTimeOffset BucketOf(object buzzEvent) => buzzEvent switch
    {
        BuzzMonitoringStarted e => e.FirstBucket,
        BuzzPhaseChanged e => e.Bucket,
        BuzzEscalated e => e.Bucket,
        AlertSuppressedByCampaign e => e.Bucket,
        PositiveSpikeObserved e => e.Bucket,
        BuzzSubsided e => e.Bucket,
        LateMentionsSetAside e => e.Bucket,
        _ => throw new InvalidOperationException($"not a buzz event: {buzzEvent.GetType().Name}"),
    };

    /// <summary>
    /// Events carry lists and dictionaries (evidence), which records compare by reference: they are compared by
    /// their JSON, instants in UTC so that an offset chosen by the store's serialiser makes no difference.
    /// </summary>
    public static string Text(object buzzEvent) =>
        buzzEvent.GetType().Name + " " + JsonSerializer.Serialize(buzzEvent, buzzEvent.GetType(), Json);

    /// <summary>
    /// Whether two buzz events state the same facts: the same type, and the same values once serialised (instants in
    /// UTC), whatever the order of object keys or the spelling of numbers. Arrays keep their order: it is meaningful.
    /// </summary>
    public static bool SameFacts(object left, object right) =>
        left.GetType() == right.GetType()
        && SameValue(JsonSerializer.SerializeToElement(left, left.GetType(), Json), JsonSerializer.SerializeToElement(right, right.GetType(), Json));

    /// <summary>Structural equality of two JSON values: object keys in any order, numbers by value, arrays in order.</summary>
    public static bool SameValue(JsonElement left, JsonElement right) => JsonElement.DeepEquals(left, right);

    /// <summary>One line for a table of decisions: what happened, in words.</summary>
    public static string Describe(object buzzEvent) => buzzEvent switch
    {
        BuzzMonitoringStarted => "monitoring started",
        BuzzPhaseChanged e => $"{e.From} -> {e.To}{(e.IsPositive ? " (positive)" : "")}",
        BuzzEscalated e => $"PAGE {e.Kind} ({e.Phase})",
        AlertSuppressedByCampaign e => $"page suppressed by campaign {e.CampaignName}",
        PositiveSpikeObserved => "positive spike (no page)",
        BuzzSubsided e => $"subsided, peak severity {e.PeakSeverity}",
        LateMentionsSetAside e => $"{e.Count} late mention(s) set aside",
        _ => buzzEvent.GetType().Name,
    };

    public static int? SeverityOf(object buzzEvent) => buzzEvent switch
    {
        BuzzPhaseChanged e => e.Severity,
        BuzzEscalated e => e.Severity,
        AlertSuppressedByCampaign e => e.Severity,
        PositiveSpikeObserved e => e.Severity,
        BuzzSubsided e => e.PeakSeverity,
        _ => null,
    };

    private static readonly JsonSerializerOptions Json = new() { Converters = { new UtcInstantConverter() } };

    private sealed class UtcInstantConverter : System.Text.Json.Serialization.JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime());
    }
}
