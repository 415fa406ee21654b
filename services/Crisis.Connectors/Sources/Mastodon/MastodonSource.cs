using System.Globalization;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Running;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Sources.Mastodon;

/// <summary>
/// One Mastodon server: the streaming API (server-sent events) for a hashtag or the public timeline, after a backfill
/// from the stored position with the search API (hashtags) or the public timeline. The position is the highest status id
/// committed; Mastodon ids grow with time, so <c>min_id</c> resumes right after it. The stream is opened before the
/// backfill runs, so a status posted in between arrives on one of the two (both, at worst: the intake absorbs it).
/// </summary>
public sealed partial class MastodonSource(string connector, ConnectorSettings settings, HttpClient http, TimeProvider clock, ILogger logger)
    : IConnectorSource
{
    private const int PageSize = 40;
    private const int MostBackfillPages = 25;

    public string Platform => "mastodon";

    private Uri Server => settings.Endpoint ?? throw new InvalidOperationException($"connector '{connector}' names no Mastodon server (Endpoint)");

    private string Target => settings.Targets[0];

    private string? Tag => Target.StartsWith('#') ? Target[1..] : null;

    public async IAsyncEnumerable<SourceBatch> ReadAsync(string? position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Mastodon ids are (milliseconds since 1970) << 16: the first start reads back Backfill from an id made of that time.
        var since = position ?? ((ulong)(clock.GetUtcNow() - settings.Backfill).ToUnixTimeMilliseconds() << 16).ToString(CultureInfo.InvariantCulture);
        using var stream = await SendAsync(StreamingAddress(), HttpCompletionOption.ResponseHeadersRead, "text/event-stream", cancellationToken);

        for (var page = 0; page < MostBackfillPages; page++)
        {
            using var response = await SendAsync(BackfillAddress(since), HttpCompletionOption.ResponseContentRead, "application/json", cancellationToken);
            var statuses = await ReadPageAsync(response, cancellationToken);
            if (statuses is null)
            {
                yield return new SourceBatch([], null, 0, 1);
                break;
            }
            var posts = new List<SourcePost>();
            var malformed = 0;
            foreach (var status in statuses.OrderBy(s => s.Id, NumericIds.Order))
            {
                if (ToPost(status, out var problem) is { } post) posts.Add(post);
                else if (problem is not null) { malformed++; LogMalformed(logger, connector, problem, status.Id ?? "?"); }
            }
            var newest = statuses.Select(s => s.Id).Where(NumericIds.IsId).Max(NumericIds.Order);
            if (newest is not null && NumericIds.Order.Compare(newest, since) > 0) since = newest;
            yield return new SourceBatch(posts, newest is null ? null : since, statuses.Length, malformed);
            if (statuses.Length < PageSize) break;
        }

        var events = SseParser.Create(await stream.Content.ReadAsStreamAsync(cancellationToken)).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var batch = new List<SourcePost>();
        int seen = 0, bad = 0;
        var started = clock.GetTimestamp();
        Task<bool>? pending = null;
        try
        {
            while (true)
            {
                pending ??= events.MoveNextAsync().AsTask();
                var wait = settings.FlushInterval - clock.GetElapsedTime(started);
                if (seen + bad > 0 && (batch.Count >= settings.BatchSize || wait <= TimeSpan.Zero || !await SourceStreams.CompletesWithin(pending, wait, cancellationToken)))
                {
                    yield return new SourceBatch(batch, NumericIds.Newest(batch.Select(p => p.PostId[(p.PostId.IndexOf('/', StringComparison.Ordinal) + 1)..]), since, out since), seen, bad);
                    batch = [];
                    seen = bad = 0;
                    started = clock.GetTimestamp();
                    continue;
                }
                bool more;
                try
                {
                    more = await pending;
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    throw new SourceUnavailableException($"the Mastodon stream broke: {e.Message}", null, e);
                }
                pending = null;
                if (!more)
                {
                    if (seen + bad > 0) yield return new SourceBatch(batch, NumericIds.Newest(batch.Select(p => p.PostId[(p.PostId.IndexOf('/', StringComparison.Ordinal) + 1)..]), since, out since), seen, bad);
                    throw new SourceUnavailableException("the Mastodon server ended the stream");
                }
                if (seen + bad == 0) started = clock.GetTimestamp();
                var item = events.Current;
                if (item.EventType != "update") continue; // delete, status.update, notification: nothing new to record
                MastodonStatus? status = null;
                try
                {
                    status = JsonSerializer.Deserialize(item.Data, MastodonJsonContext.Default.MastodonStatus);
                }
                catch (JsonException e)
                {
                    LogMalformed(logger, connector, $"not JSON: {e.Message}", SourceStreams.Excerpt(item.Data));
                }
                if (status is null)
                {
                    bad++;
                    continue;
                }
                var post = ToPost(status, out var problem);
                if (post is not null) batch.Add(post);
                if (problem is null)
                {
                    seen++;
                }
                else
                {
                    LogMalformed(logger, connector, problem, SourceStreams.Excerpt(item.Data));
                    bad++;
                }
            }
        }
        finally
        {
            // An enumerator cannot be disposed while a read is pending: end the read by closing the stream first.
            stream.Dispose();
            if (pending is not null)
            {
                try { await pending; }
                catch (Exception) { /* the stream was closed under it */ }
            }
            await events.DisposeAsync();
        }
    }

    private Uri StreamingAddress() => Tag is { } tag
        ? new Uri(Server, $"/api/v1/streaming/hashtag?tag={Uri.EscapeDataString(tag)}")
        : new Uri(Server, Target == "public:local" ? "/api/v1/streaming/public/local" : "/api/v1/streaming/public");

    private Uri BackfillAddress(string since) => Tag is { } tag
        ? new Uri(Server, string.Create(CultureInfo.InvariantCulture, $"/api/v2/search?q={Uri.EscapeDataString("#" + tag)}&type=statuses&resolve=false&limit={PageSize}&min_id={since}"))
        : new Uri(Server, string.Create(CultureInfo.InvariantCulture, $"/api/v1/timelines/public?limit={PageSize}&min_id={since}{(Target == "public:local" ? "&local=true" : "")}"));

    private async Task<HttpResponseMessage> SendAsync(Uri address, HttpCompletionOption completion, string accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (settings.ReadToken() is { Length: > 0 } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SourceHttp.SendAsync(http, request, completion, clock, cancellationToken);
    }

    private async Task<MastodonStatus[]?> ReadPageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return Tag is not null
                ? JsonSerializer.Deserialize(body, MastodonJsonContext.Default.MastodonSearchResults)?.Statuses ?? []
                : JsonSerializer.Deserialize(body, MastodonJsonContext.Default.MastodonStatusArray) ?? [];
        }
        catch (JsonException e)
        {
            LogMalformed(logger, connector, $"a backfill page that is not JSON: {e.Message}", SourceStreams.Excerpt(System.Text.Encoding.UTF8.GetString(body)));
            return null;
        }
    }

    /// <summary>A status as a post; null with no problem for what is no post of its own (a boost), null with a problem when malformed.</summary>
    private SourcePost? ToPost(MastodonStatus status, out string? problem)
    {
        problem = null;
        if (status.Reblog is not null) return null;
        if (!NumericIds.IsId(status.Id)) { problem = "a status without a numeric id"; return null; }
        if (status.Account?.Acct is not { Length: > 0 } acct) { problem = "a status without account.acct"; return null; }
        if (!DateTimeOffset.TryParse(status.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt))
        {
            problem = "a status without a readable created_at";
            return null;
        }
        var text = HtmlText.ToText(status.Content ?? "");
        if (status.SpoilerText is { Length: > 0 } warning) text = warning + "\n" + text;
        if (text.Length == 0) return null;
        var host = Server.Host;
        // Ids are the server's own: prefixed with it, a reply's parent id names the same post as the parent's own id.
        var url = status.Url ?? status.Uri;
        return new SourcePost(
            $"{host}/{status.Id}", acct.Contains('@', StringComparison.Ordinal) ? acct : $"{acct}@{host}",
            status.Account.DisplayName is { Length: > 0 } name ? name : null, status.Account.FollowersCount,
            text, status.Language, Uri.TryCreate(url, UriKind.Absolute, out var link) ? link : null, createdAt,
            status.InReplyToId is { Length: > 0 } parent ? $"{host}/{parent}" : null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Connector} skipped a malformed Mastodon status ({Problem}): {Excerpt}")]
    private static partial void LogMalformed(ILogger logger, string connector, string problem, string excerpt);
}
