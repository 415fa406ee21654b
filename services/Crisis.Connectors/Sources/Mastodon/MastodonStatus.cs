using System.Text.Json.Serialization;

namespace Crisis.Connectors.Sources.Mastodon;

/// <summary>The fields of a Mastodon Status entity (docs.joinmastodon.org/entities/Status) that a mention needs.</summary>
internal sealed record MastodonStatus(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("created_at")] string? CreatedAt,
    [property: JsonPropertyName("in_reply_to_id")] string? InReplyToId,
    [property: JsonPropertyName("language")] string? Language,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("uri")] string? Uri,
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("spoiler_text")] string? SpoilerText,
    [property: JsonPropertyName("reblog")] MastodonStatus? Reblog,
    [property: JsonPropertyName("account")] MastodonAccount? Account);

internal sealed record MastodonAccount(
    [property: JsonPropertyName("acct")] string? Acct,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("followers_count")] long? FollowersCount);

/// <summary>GET /api/v2/search: only its statuses are read.</summary>
internal sealed record MastodonSearchResults([property: JsonPropertyName("statuses")] MastodonStatus[]? Statuses);

[JsonSerializable(typeof(MastodonStatus))]
[JsonSerializable(typeof(MastodonStatus[]))]
[JsonSerializable(typeof(MastodonSearchResults))]
internal sealed partial class MastodonJsonContext : JsonSerializerContext;
