using System.Text.Json.Serialization;

namespace Crisis.Connectors.Sources.Bluesky;

/// <summary>The fields of a Jetstream event that a mention needs; everything else is ignored.</summary>
internal sealed record JetstreamEvent(
    [property: JsonPropertyName("did")] string? Did,
    [property: JsonPropertyName("time_us")] long TimeUs,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("commit")] JetstreamCommit? Commit);

internal sealed record JetstreamCommit(
    [property: JsonPropertyName("operation")] string? Operation,
    [property: JsonPropertyName("collection")] string? Collection,
    [property: JsonPropertyName("rkey")] string? Rkey,
    [property: JsonPropertyName("record")] JetstreamPost? Record);

internal sealed record JetstreamPost(
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("createdAt")] string? CreatedAt,
    [property: JsonPropertyName("langs")] string[]? Langs,
    [property: JsonPropertyName("reply")] JetstreamReply? Reply);

internal sealed record JetstreamReply([property: JsonPropertyName("parent")] JetstreamRef? Parent);

internal sealed record JetstreamRef([property: JsonPropertyName("uri")] string? Uri);

[JsonSerializable(typeof(JetstreamEvent))]
internal sealed partial class JetstreamJsonContext : JsonSerializerContext;
