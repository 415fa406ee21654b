using System.Globalization;
using System.Text.Json.Serialization;
using Crisis.Connectors.Running;

namespace Crisis.Connectors.Sources.X;

/// <summary>X API v2 tweets as posts: one reading for recent search pages and filtered-stream lines alike.</summary>
internal static class XTweets
{
    public const string Fields = "tweet.fields=created_at,lang,author_id,referenced_tweets&expansions=author_id&user.fields=username,name,public_metrics";

    /// <summary>The post, or null with the problem when the tweet lacks what a mention needs.</summary>
    public static SourcePost? ToPost(XTweet tweet, XIncludes? includes, out string? problem)
    {
        problem = null;
        var user = tweet.AuthorId is null ? null : includes?.Users?.FirstOrDefault(u => u.Id == tweet.AuthorId);
        if (tweet.Id is null || tweet.Text is null || user?.Username is null
            || !DateTimeOffset.TryParse(tweet.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt))
        {
            problem = "a tweet without id, text, created_at or an author in includes.users";
            return null;
        }
        return new SourcePost(
            tweet.Id, user.Username, user.Name, user.PublicMetrics?.FollowersCount, tweet.Text,
            // X's pseudo-languages (undetermined, no text, media or hashtags only) say nothing about the language.
            tweet.Lang is null or "und" or "zxx" or "qme" or "qht" ? null : tweet.Lang,
            new Uri($"https://x.com/{Uri.EscapeDataString(user.Username)}/status/{tweet.Id}"), createdAt,
            tweet.ReferencedTweets?.FirstOrDefault(r => r.Type == "replied_to")?.Id);
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

/// <summary>One line of the filtered stream: a tweet with its includes, or an error such as an operational disconnect.</summary>
internal sealed record XStreamLine(
    [property: JsonPropertyName("data")] XTweet? Data,
    [property: JsonPropertyName("includes")] XIncludes? Includes,
    [property: JsonPropertyName("errors")] XError[]? Errors);

internal sealed record XError(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("detail")] string? Detail);

internal sealed record XRule(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("tag")] string? Tag);

internal sealed record XRules(
    [property: JsonPropertyName("data")] XRule[]? Data,
    [property: JsonPropertyName("errors")] XError[]? Errors);

[JsonSerializable(typeof(XSearchPage))]
[JsonSerializable(typeof(XStreamLine))]
[JsonSerializable(typeof(XRules))]
internal sealed partial class XJsonContext : JsonSerializerContext;
