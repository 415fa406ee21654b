using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Running;
using Crisis.Connectors.Sources.Polling;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Sources.X;

/// <summary>
/// X through API v2 recent search (<c>GET /2/tweets/search/recent</c>, bearer token), polled: each target is an X search
/// query (its own operators, such as <c>acme -is:retweet</c>), whose results the brand queries then filter. The position
/// is the newest tweet id read (<c>since_id</c> on the next poll); a first poll starts <c>Backfill</c> ago (X keeps 7 days).
/// </summary>
public sealed class XRecentSearchSource(string connector, ConnectorSettings settings, HttpClient http, TimeProvider clock, ILogger logger)
    : PolledSource(connector, settings, http, clock, logger)
{
    public static readonly Uri PublicEndpoint = new("https://api.x.com");
    private const int MostPages = 10;

    public override string Platform => "x";

    protected override async Task<PolledPage> PollAsync(string target, string? position, CancellationToken cancellationToken)
    {
        var posts = new List<SourcePost>();
        string? newest = null, next = null;
        int seen = 0, malformed = 0;
        for (var page = 0; page < MostPages; page++)
        {
            var query = $"/2/tweets/search/recent?query={Uri.EscapeDataString(target)}&max_results=100"
                + "&tweet.fields=created_at,lang,author_id,referenced_tweets&expansions=author_id&user.fields=username,name,public_metrics"
                + (position is not null ? $"&since_id={Uri.EscapeDataString(position)}"
                    : $"&start_time={Uri.EscapeDataString((Clock.GetUtcNow() - Settings.Backfill).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}")
                + (next is not null ? $"&next_token={Uri.EscapeDataString(next)}" : "");
            using var response = await GetAsync(new Uri(Settings.Endpoint ?? PublicEndpoint, query), "application/json", cancellationToken,
                request => request.Headers.Authorization = new("Bearer", Settings.ReadToken()));
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            XSearchPage? result;
            try
            {
                result = JsonSerializer.Deserialize(body, XJsonContext.Default.XSearchPage);
            }
            catch (JsonException e)
            {
                Malformed($"a search page that is not JSON: {e.Message}", body);
                return new PolledPage(posts, newest, seen, malformed + 1);
            }
            // Newest first: the first page's newest id is the newest of the whole poll.
            newest ??= result?.Meta?.NewestId;
            var users = (result?.Includes?.Users ?? []).Where(u => u.Id is not null).GroupBy(u => u.Id!).ToDictionary(g => g.Key, g => g.First());
            foreach (var tweet in result?.Data ?? [])
            {
                seen++;
                if (tweet.Id is null || tweet.Text is null || tweet.AuthorId is null || !users.TryGetValue(tweet.AuthorId, out var user) || user.Username is null
                    || !DateTimeOffset.TryParse(tweet.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt))
                {
                    malformed++;
                    Malformed("a tweet without id, text, created_at or an author in includes.users", tweet.Id ?? tweet.Text ?? "");
                    continue;
                }
                posts.Add(new SourcePost(
                    tweet.Id, user.Username, user.Name, user.PublicMetrics?.FollowersCount, tweet.Text,
                    tweet.Lang is null or "und" or "zxx" or "qme" or "qht" ? null : tweet.Lang,
                    new Uri($"https://x.com/{Uri.EscapeDataString(user.Username)}/status/{tweet.Id}"), createdAt,
                    tweet.ReferencedTweets?.FirstOrDefault(r => r.Type == "replied_to")?.Id));
            }
            next = result?.Meta?.NextToken;
            if (next is null) break;
        }
        return new PolledPage(posts, newest, seen, malformed);
    }
}

internal sealed record XSearchPage(
    [property: JsonPropertyName("data")] XTweet[]? Data,
    [property: JsonPropertyName("includes")] XIncludes? Includes,
    [property: JsonPropertyName("meta")] XMeta? Meta);

internal sealed record XTweet(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("author_id")] string? AuthorId,
    [property: JsonPropertyName("created_at")] string? CreatedAt,
    [property: JsonPropertyName("lang")] string? Lang,
    [property: JsonPropertyName("referenced_tweets")] XReference[]? ReferencedTweets);

internal sealed record XReference([property: JsonPropertyName("type")] string? Type, [property: JsonPropertyName("id")] string? Id);

internal sealed record XIncludes([property: JsonPropertyName("users")] XUser[]? Users);

internal sealed record XUser(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("public_metrics")] XMetrics? PublicMetrics);

internal sealed record XMetrics([property: JsonPropertyName("followers_count")] long? FollowersCount);

internal sealed record XMeta(
    [property: JsonPropertyName("newest_id")] string? NewestId,
    [property: JsonPropertyName("next_token")] string? NextToken,
    [property: JsonPropertyName("result_count")] int? ResultCount);

[JsonSerializable(typeof(XSearchPage))]
internal sealed partial class XJsonContext : JsonSerializerContext;
