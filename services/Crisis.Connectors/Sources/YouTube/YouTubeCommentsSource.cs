using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Running;
using Crisis.Connectors.Sources.Polling;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Sources.YouTube;

/// <summary>
/// YouTube comment threads (Data API v3 <c>commentThreads.list</c>, an API key), polled newest first for each target
/// (<c>video:ID</c> or <c>channel:ID</c>, the channel's videos' threads) until a page reaches the target's position (the
/// newest <c>publishedAt</c> read) or after 5 pages. Each thread's top-level comment is a post.
/// </summary>
public sealed class YouTubeCommentsSource(string connector, ConnectorSettings settings, HttpClient http, TimeProvider clock, ILogger logger)
    : PolledSource(connector, settings, http, clock, logger)
{
    public static readonly Uri PublicEndpoint = new("https://www.googleapis.com");
    private const int MostPages = 5;

    public override string Platform => "youtube";

    protected override async Task<PolledPage> PollAsync(string target, string? position, CancellationToken cancellationToken)
    {
        var filter = target.StartsWith("video:", StringComparison.Ordinal)
            ? $"videoId={Uri.EscapeDataString(target["video:".Length..])}"
            : $"allThreadsRelatedToChannelId={Uri.EscapeDataString(target["channel:".Length..])}";
        var since = position is not null && DateTimeOffset.TryParse(position, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stored)
            ? stored
            : Clock.GetUtcNow() - Settings.Backfill;
        var newest = since;
        var posts = new List<SourcePost>();
        int seen = 0, malformed = 0;
        string? pageToken = null;
        for (var page = 0; page < MostPages; page++)
        {
            var query = $"/youtube/v3/commentThreads?part=snippet&{filter}&order=time&maxResults=100&textFormat=plainText&key={Uri.EscapeDataString(Settings.ReadToken() ?? "")}"
                + (pageToken is null ? "" : $"&pageToken={Uri.EscapeDataString(pageToken)}");
            using var response = await GetAsync(new Uri(Settings.Endpoint ?? PublicEndpoint, query), "application/json", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            YouTubeThreads? threads;
            try
            {
                threads = JsonSerializer.Deserialize(body, YouTubeJsonContext.Default.YouTubeThreads);
            }
            catch (JsonException e)
            {
                Malformed($"a page that is not JSON: {e.Message}", body);
                return new PolledPage(posts, newest.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), seen, malformed + 1);
            }
            var reachedPosition = false;
            foreach (var thread in threads?.Items ?? [])
            {
                seen++;
                var comment = thread.Snippet?.TopLevelComment;
                var snippet = comment?.Snippet;
                if (comment?.Id is null || snippet?.TextOriginal is not { Length: > 0 } text || snippet.VideoId is null
                    || !DateTimeOffset.TryParse(snippet.PublishedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var published))
                {
                    malformed++;
                    Malformed("a thread without a top-level comment id, text, video or publishedAt", thread.Id ?? "");
                    continue;
                }
                if (published < since)
                {
                    reachedPosition = true;
                    continue;
                }
                if (published > newest) newest = published;
                var author = snippet.AuthorDisplayName is { Length: > 0 } name ? name : snippet.AuthorChannelId?.Value ?? "unknown";
                posts.Add(new SourcePost(
                    comment.Id, author, null, null, text, null,
                    new Uri($"https://www.youtube.com/watch?v={Uri.EscapeDataString(snippet.VideoId)}&lc={Uri.EscapeDataString(comment.Id)}"),
                    published, null));
            }
            pageToken = threads?.NextPageToken;
            if (reachedPosition || pageToken is null) break;
        }
        return new PolledPage(posts, newest.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), seen, malformed);
    }
}

internal sealed record YouTubeThreads(
    [property: JsonPropertyName("items")] YouTubeThread[]? Items,
    [property: JsonPropertyName("nextPageToken")] string? NextPageToken);

internal sealed record YouTubeThread([property: JsonPropertyName("id")] string? Id, [property: JsonPropertyName("snippet")] YouTubeThreadSnippet? Snippet);

internal sealed record YouTubeThreadSnippet([property: JsonPropertyName("topLevelComment")] YouTubeComment? TopLevelComment);

internal sealed record YouTubeComment([property: JsonPropertyName("id")] string? Id, [property: JsonPropertyName("snippet")] YouTubeCommentSnippet? Snippet);

internal sealed record YouTubeCommentSnippet(
    [property: JsonPropertyName("videoId")] string? VideoId,
    [property: JsonPropertyName("textOriginal")] string? TextOriginal,
    [property: JsonPropertyName("authorDisplayName")] string? AuthorDisplayName,
    [property: JsonPropertyName("authorChannelId")] YouTubeChannelRef? AuthorChannelId,
    [property: JsonPropertyName("publishedAt")] string? PublishedAt);

internal sealed record YouTubeChannelRef([property: JsonPropertyName("value")] string? Value);

[JsonSerializable(typeof(YouTubeThreads))]
internal sealed partial class YouTubeJsonContext : JsonSerializerContext;
