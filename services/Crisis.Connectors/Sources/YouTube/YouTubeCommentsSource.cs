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
/// newest <c>publishedAt</c> read) or after 5 pages. Each thread's top-level comment is a post, and so is each reply the
/// thread carries (<c>part=replies</c>: YouTube embeds up to 5 per thread), answering the top-level comment. Replies to
/// threads older than the pages read, and beyond those YouTube embeds, are not read: <c>comments.list</c> per thread would
/// cost a quota unit each (docs/connectors.md).
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
            var query = $"/youtube/v3/commentThreads?part=snippet,replies&{filter}&order=time&maxResults=100&textFormat=plainText&key={Uri.EscapeDataString(Settings.ReadToken() ?? "")}"
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
                // Replies come with their thread, whether or not its top-level comment is older than the position.
                foreach (var reply in thread.Replies?.Comments ?? [])
                {
                    seen++;
                    var answer = ToPost(reply, comment.Id, out var unreadable);
                    if (unreadable) malformed++;
                    if (answer is null || answer.PublishedAt < since) continue;
                    posts.Add(answer);
                    if (answer.PublishedAt > newest) newest = answer.PublishedAt;
                }
                if (published < since)
                {
                    reachedPosition = true;
                    continue;
                }
                if (published > newest) newest = published;
                posts.Add(ToPost(comment, snippet.VideoId, text, published, replyTo: null));
            }
            pageToken = threads?.NextPageToken;
            if (reachedPosition || pageToken is null) break;
        }
        return new PolledPage(posts, newest.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), seen, malformed);
    }

    /// <summary>A reply the thread carries, as a post answering <paramref name="parent"/>; null (logged) when unreadable.</summary>
    private SourcePost? ToPost(YouTubeComment reply, string parent, out bool unreadable)
    {
        var snippet = reply.Snippet;
        unreadable = false;
        if (reply.Id is null || snippet?.TextOriginal is not { Length: > 0 } text || snippet.VideoId is null
            || !DateTimeOffset.TryParse(snippet.PublishedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var published))
        {
            unreadable = true;
            Malformed("a reply without an id, text, video or publishedAt", reply.Id ?? "");
            return null;
        }
        return ToPost(reply, snippet.VideoId, text, published, snippet.ParentId ?? parent);
    }

    private static SourcePost ToPost(YouTubeComment comment, string videoId, string text, DateTimeOffset published, string? replyTo)
    {
        var snippet = comment.Snippet!;
        var author = snippet.AuthorDisplayName is { Length: > 0 } name ? name : snippet.AuthorChannelId?.Value ?? "unknown";
        return new SourcePost(
            comment.Id!, author, null, null, text, null,
            new Uri($"https://www.youtube.com/watch?v={Uri.EscapeDataString(videoId)}&lc={Uri.EscapeDataString(comment.Id!)}"),
            published, replyTo);
    }
}

internal sealed record YouTubeThreads(
    [property: JsonPropertyName("items")] YouTubeThread[]? Items,
    [property: JsonPropertyName("nextPageToken")] string? NextPageToken);

internal sealed record YouTubeThread(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("snippet")] YouTubeThreadSnippet? Snippet,
    [property: JsonPropertyName("replies")] YouTubeReplies? Replies);

internal sealed record YouTubeReplies([property: JsonPropertyName("comments")] YouTubeComment[]? Comments);

internal sealed record YouTubeThreadSnippet([property: JsonPropertyName("topLevelComment")] YouTubeComment? TopLevelComment);

internal sealed record YouTubeComment([property: JsonPropertyName("id")] string? Id, [property: JsonPropertyName("snippet")] YouTubeCommentSnippet? Snippet);

internal sealed record YouTubeCommentSnippet(
    [property: JsonPropertyName("videoId")] string? VideoId,
    [property: JsonPropertyName("textOriginal")] string? TextOriginal,
    [property: JsonPropertyName("authorDisplayName")] string? AuthorDisplayName,
    [property: JsonPropertyName("authorChannelId")] YouTubeChannelRef? AuthorChannelId,
    [property: JsonPropertyName("publishedAt")] string? PublishedAt,
    [property: JsonPropertyName("parentId")] string? ParentId = null);

internal sealed record YouTubeChannelRef([property: JsonPropertyName("value")] string? Value);

[JsonSerializable(typeof(YouTubeThreads))]
internal sealed partial class YouTubeJsonContext : JsonSerializerContext;
