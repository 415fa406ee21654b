using Crisis.Connectors.Configuring;
using Crisis.Connectors.Sources.Bluesky;
using Crisis.Connectors.Sources.Feeds;
using Crisis.Connectors.Sources.Mastodon;
using Crisis.Connectors.Sources.Reddit;
using Crisis.Connectors.Sources.X;
using Crisis.Connectors.Sources.YouTube;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Running;

/// <summary>The sources a connector can read, by the name its settings give (<c>Source</c>).</summary>
public static class ConnectorSources
{
    public const string Bluesky = "bluesky";
    public const string Mastodon = "mastodon";
    public const string Feeds = "rss";
    public const string Reddit = "reddit";
    public const string YouTube = "youtube";
    public const string X = "x";
    public const string XStream = "x-stream";

    public static readonly IReadOnlyList<string> Names = [Bluesky, Mastodon, Feeds, Reddit, YouTube, X, XStream];

    public static bool IsKnown(string? name) => name is not null && Names.Contains(name, StringComparer.Ordinal);

    /// <summary>What a source needs beyond the common settings (targets, a token), as "Setting: reason".</summary>
    public static IEnumerable<string> Problems(ConnectorSettings settings)
    {
        switch (settings.Source)
        {
            case Bluesky when settings.Targets.Count > 0:
                yield return "Targets: the Jetstream carries every public post; leave Targets empty and say what to watch in the brands' queries";
                break;
            case Mastodon:
                if (settings.Endpoint is null) yield return "Endpoint: name the Mastodon server, such as https://mastodon.social";
                if (settings.Targets is not [var target] || !IsMastodonTarget(target))
                {
                    yield return "Targets: name exactly one of: a hashtag (#acme), public, public:local (one connector per hashtag)";
                }
                break;
            case Feeds when settings.Targets.Count == 0 || settings.Targets.Any(t => !Uri.TryCreate(t, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")):
                yield return "Targets: list the addresses (http or https) of the RSS or Atom feeds to follow";
                break;
            case Reddit when settings.Targets.Count == 0 || settings.Targets.Any(t => !(t.StartsWith("r/", StringComparison.Ordinal) && t.Length > 2) && !(t.StartsWith("search:", StringComparison.Ordinal) && t.Length > 7)):
                yield return "Targets: list subreddits (r/name) or searches (search:terms)";
                break;
            case YouTube:
                if (settings.Targets.Count == 0 || settings.Targets.Any(t => !(t.StartsWith("video:", StringComparison.Ordinal) && t.Length > 6) && !(t.StartsWith("channel:", StringComparison.Ordinal) && t.Length > 8)))
                {
                    yield return "Targets: list videos (video:ID) or channels (channel:ID) whose comment threads to follow";
                }
                if (settings.Token is null && settings.TokenFile is null) yield return "Token or TokenFile: the YouTube Data API needs an API key";
                break;
            case X or XStream:
                if (settings.Targets.Count == 0 || settings.Targets.Any(string.IsNullOrWhiteSpace))
                {
                    yield return settings.Source == X
                        ? "Targets: list X search queries (X's own operators, such as acme -is:retweet)"
                        : "Targets: list X filtered-stream rules (X's own operators, such as acme -is:retweet), each also searched to fill gaps";
                }
                if (settings.Token is null && settings.TokenFile is null) yield return "Token or TokenFile: X's API needs a bearer token";
                break;
        }
    }

    private static bool IsMastodonTarget(string target) =>
        target is "public" or "public:local" || (target.Length > 1 && target[0] == '#' && target[1..].All(c => char.IsLetterOrDigit(c) || c == '_'));

    public static IConnectorSource Create(string connector, ConnectorSettings settings, IServiceProvider services, TimeProvider clock, ILoggerFactory loggers) =>
        settings.Source switch
        {
            Bluesky => new JetstreamSource(connector, settings, clock, loggers.CreateLogger<JetstreamSource>()),
            Feeds => new FeedSource(connector, settings, HttpFor(services), clock, loggers.CreateLogger<FeedSource>()),
            Reddit => new RedditSource(connector, settings, HttpFor(services), clock, loggers.CreateLogger<RedditSource>()),
            YouTube => new YouTubeCommentsSource(connector, settings, HttpFor(services), clock, loggers.CreateLogger<YouTubeCommentsSource>()),
            X => new XRecentSearchSource(connector, settings, HttpFor(services), clock, loggers.CreateLogger<XRecentSearchSource>()),
            XStream => new XFilteredStreamSource(connector, settings, HttpFor(services), clock, loggers.CreateLogger<XFilteredStreamSource>()),
            Mastodon => new MastodonSource(connector, settings, HttpFor(services), clock, loggers.CreateLogger<MastodonSource>()),
            _ => throw new InvalidOperationException($"connector '{connector}' names an unknown source '{settings.Source}'"),
        };

    /// <summary>A client without a timeout: a stream stays open for hours; each request is bounded by the run's cancellation.</summary>
    private static HttpClient HttpFor(IServiceProvider services)
    {
        var client = services.GetService<IHttpClientFactory>()?.CreateClient("crisis-connectors") ?? new HttpClient();
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }
}
