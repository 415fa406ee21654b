using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Running;
using Crisis.Connectors.Sources.Polling;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Sources.Reddit;

/// <summary>
/// Reddit's JSON listings, polled: a subreddit's newest posts (<c>r/name</c> → <c>/r/name/new.json</c>) or a search
/// (<c>search:terms</c> → <c>/search.json?sort=new</c>). With a token it asks <c>oauth.reddit.com</c>. The position per
/// target is the newest <c>created_utc</c> read; items at or after it are kept (the intake absorbs the overlap).
/// </summary>
public sealed class RedditSource(string connector, ConnectorSettings settings, HttpClient http, TimeProvider clock, ILogger logger)
    : PolledSource(connector, settings, http, clock, logger)
{
    public override string Platform => "reddit";

    protected override async Task<PolledPage> PollAsync(string target, string? position, CancellationToken cancellationToken)
    {
        var token = Settings.ReadToken();
        var server = Settings.Endpoint ?? new Uri(token is { Length: > 0 } ? "https://oauth.reddit.com" : "https://www.reddit.com");
        var path = target.StartsWith("search:", StringComparison.Ordinal)
            ? $"/search.json?q={Uri.EscapeDataString(target["search:".Length..])}&sort=new&limit=100&raw_json=1"
            : $"/r/{Uri.EscapeDataString(target["r/".Length..])}/new.json?limit=100&raw_json=1";
        using var response = await GetAsync(new Uri(server, path), "application/json", cancellationToken,
            request => { if (token is { Length: > 0 }) request.Headers.Authorization = new("Bearer", token); });
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        RedditListing? listing;
        try
        {
            listing = JsonSerializer.Deserialize(body, RedditJsonContext.Default.RedditListing);
        }
        catch (JsonException e)
        {
            Malformed($"a listing that is not JSON: {e.Message}", body);
            return new PolledPage([], null, 0, 1);
        }
        var since = position is not null && double.TryParse(position, NumberStyles.Float, CultureInfo.InvariantCulture, out var stored)
            ? stored
            : (Clock.GetUtcNow() - Settings.Backfill).ToUnixTimeMilliseconds() / 1000.0;
        var newest = since;
        var posts = new List<SourcePost>();
        int seen = 0, malformed = 0;
        foreach (var child in listing?.Data?.Children ?? [])
        {
            seen++;
            var item = child.Data;
            var text = child.Kind == "t1" ? item?.Body : item is null ? null : string.IsNullOrWhiteSpace(item.Selftext) ? item.Title : item.Title + "\n" + item.Selftext;
            if (item?.Name is null || item.Author is null || item.CreatedUtc is not { } created || string.IsNullOrWhiteSpace(text) || child.Kind is not ("t1" or "t3"))
            {
                malformed++;
                Malformed("an item without name, author, created_utc or text", item?.Name ?? item?.Title ?? "");
                continue;
            }
            if (created < since) continue;
            if (created > newest) newest = created;
            posts.Add(new SourcePost(
                item.Name, item.Author, null, null, text, null,
                item.Permalink is { Length: > 0 } permalink ? new Uri(new Uri("https://www.reddit.com"), permalink) : null,
                DateTimeOffset.FromUnixTimeMilliseconds((long)(created * 1000)), child.Kind == "t1" ? item.ParentId : null));
        }
        return new PolledPage(posts, newest.ToString("0.###", CultureInfo.InvariantCulture), seen, malformed);
    }
}

internal sealed record RedditListing([property: JsonPropertyName("data")] RedditListingData? Data);

internal sealed record RedditListingData([property: JsonPropertyName("children")] RedditChild[]? Children);

internal sealed record RedditChild([property: JsonPropertyName("kind")] string? Kind, [property: JsonPropertyName("data")] RedditItem? Data);

internal sealed record RedditItem(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("author")] string? Author,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("selftext")] string? Selftext,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("created_utc")] double? CreatedUtc,
    [property: JsonPropertyName("permalink")] string? Permalink,
    [property: JsonPropertyName("parent_id")] string? ParentId);

[JsonSerializable(typeof(RedditListing))]
internal sealed partial class RedditJsonContext : JsonSerializerContext;
