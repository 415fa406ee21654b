using System.Globalization;
using System.Text.Json;
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

    /// <summary>One target's tweets newer than <paramref name="position"/> (a tweet id), or from Backfill ago when null.</summary>
    internal Task<PolledPage> SearchAsync(string target, string? position, CancellationToken cancellationToken) =>
        PollAsync(target, position, cancellationToken);

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
            foreach (var tweet in result?.Data ?? [])
            {
                seen++;
                if (XTweets.ToPost(tweet, result!.Includes, out var problem) is { } post) posts.Add(post);
                else
                {
                    malformed++;
                    Malformed(problem!, tweet.Id ?? tweet.Text ?? "");
                }
            }
            next = result?.Meta?.NextToken;
            if (next is null) break;
        }
        return new PolledPage(posts, newest, seen, malformed);
    }
}

