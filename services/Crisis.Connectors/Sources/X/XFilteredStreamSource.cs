using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Running;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Sources.X;

/// <summary>
/// X through API v2's filtered stream (<c>GET /2/tweets/search/stream</c>, bearer token): the connector's targets are
/// kept as the stream's rules, tagged with the connector's name (rules of other tags are left alone), and every matching
/// tweet arrives as one JSON line. The stream has no cursor: the position is the newest tweet id committed, and each
/// (re)connection, once the stream is open, runs a recent search of every target since that id, so the tweets of a
/// disconnection (or of the first Backfill window) are read too; the overlap is absorbed by the intake.
/// </summary>
public sealed partial class XFilteredStreamSource(string connector, ConnectorSettings settings, HttpClient http, TimeProvider clock, ILogger logger)
    : IConnectorSource
{
    public string Platform => "x";

    private Uri Server => settings.Endpoint ?? XRecentSearchSource.PublicEndpoint;

    /// <summary>The tag that marks this connector's rules among the app's.</summary>
    private string RuleTag => $"crisis:{connector}";

    public async IAsyncEnumerable<SourceBatch> ReadAsync(string? position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await KeepRulesAsync(cancellationToken);
        using var stream = await SendAsync(HttpMethod.Get, $"/2/tweets/search/stream?{XTweets.Fields}", null, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

        // Tweet ids are snowflakes (NumericIds); "0" stands below every id until a first tweet is committed.
        var since = NumericIds.IsId(position) ? position : null;
        var newest = since ?? "0";
        var search = new XRecentSearchSource(connector, settings, http, clock, logger);
        foreach (var target in settings.Targets)
        {
            var page = await search.SearchAsync(target, since, cancellationToken);
            yield return new SourceBatch(page.Posts, NumericIds.Newest(page.Posts.Select(p => p.PostId), newest, out newest), page.Seen, page.Malformed);
        }

        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(cancellationToken));
        var batch = new List<SourcePost>();
        int seen = 0, bad = 0;
        var started = clock.GetTimestamp();
        Task<string?>? pending = null;
        try
        {
            while (true)
            {
                pending ??= reader.ReadLineAsync(cancellationToken).AsTask();
                var wait = settings.FlushInterval - clock.GetElapsedTime(started);
                if (seen + bad > 0 && (batch.Count >= settings.BatchSize || wait <= TimeSpan.Zero || !await SourceStreams.CompletesWithin(pending, wait, cancellationToken)))
                {
                    yield return new SourceBatch(batch, NumericIds.Newest(batch.Select(p => p.PostId), newest, out newest), seen, bad);
                    batch = [];
                    seen = bad = 0;
                    started = clock.GetTimestamp();
                    continue;
                }
                string? line;
                try
                {
                    line = await pending;
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    throw new SourceUnavailableException($"the X stream broke: {e.Message}", null, e);
                }
                pending = null;
                if (line is null)
                {
                    if (seen + bad > 0) yield return new SourceBatch(batch, NumericIds.Newest(batch.Select(p => p.PostId), newest, out newest), seen, bad);
                    throw new SourceUnavailableException("X ended the stream");
                }
                if (string.IsNullOrWhiteSpace(line)) continue; // X's keep-alive, every 20 seconds
                if (seen + bad == 0) started = clock.GetTimestamp();
                XStreamLine? item = null;
                try
                {
                    item = JsonSerializer.Deserialize(line, XJsonContext.Default.XStreamLine);
                }
                catch (JsonException e)
                {
                    LogMalformed(logger, connector, $"not JSON: {e.Message}", SourceStreams.Excerpt(line));
                }
                if (item is { Data: null, Errors: [var error, ..] })
                {
                    // An operational disconnect, or the connection limit: X closes the stream after saying so.
                    if (seen + bad > 0) yield return new SourceBatch(batch, NumericIds.Newest(batch.Select(p => p.PostId), newest, out newest), seen, bad);
                    throw new SourceUnavailableException($"X ended the stream: {error.Title ?? "error"}{(error.Detail is { } detail ? $" ({detail})" : "")}");
                }
                if (item?.Data is not { } tweet)
                {
                    bad++;
                    continue;
                }
                if (XTweets.ToPost(tweet, item.Includes, out var problem) is { } post)
                {
                    batch.Add(post);
                    seen++;
                }
                else
                {
                    LogMalformed(logger, connector, problem!, SourceStreams.Excerpt(line));
                    bad++;
                }
            }
        }
        finally
        {
            // A pending read cannot outlive its reader: end it by closing the stream first.
            stream.Dispose();
            if (pending is not null)
            {
                try { await pending; }
                catch (Exception) { /* the stream was closed under it */ }
            }
        }
    }

    /// <summary>Makes the stream's rules of this connector exactly its targets: adds the missing, deletes the dropped.</summary>
    private async Task KeepRulesAsync(CancellationToken cancellationToken)
    {
        using var listed = await SendAsync(HttpMethod.Get, "/2/tweets/search/stream/rules", null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var rules = (await ReadRulesAsync(listed, cancellationToken)).Data ?? [];
        var ours = rules.Where(r => r.Tag == RuleTag && r.Id is not null).ToList();
        var dropped = ours.Where(r => !settings.Targets.Contains(r.Value ?? "", StringComparer.Ordinal)).Select(r => r.Id!).ToList();
        var missing = settings.Targets.Where(t => !ours.Any(r => r.Value == t)).Distinct(StringComparer.Ordinal).ToList();
        if (dropped.Count > 0)
        {
            using var deleted = await SendAsync(HttpMethod.Post, "/2/tweets/search/stream/rules", new { delete = new { ids = dropped } },
                HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        if (missing.Count == 0) return;
        using var added = await SendAsync(HttpMethod.Post, "/2/tweets/search/stream/rules",
            new { add = missing.Select(value => new { value, tag = RuleTag }) }, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if ((await ReadRulesAsync(added, cancellationToken)).Errors is [_, ..] errors)
        {
            // A rule X refuses (syntax, length, the plan's rule count) will be refused again: say which, for the operator.
            throw new SourceUnavailableException("X refused the connector's rules: "
                + string.Join("; ", errors.Select(e => $"{e.Title ?? "error"}{(e.Detail is { } d ? $": {d}" : "")}")));
        }
    }

    private static async Task<XRules> ReadRulesAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(body, XJsonContext.Default.XRules) ?? new XRules(null, null);
        }
        catch (JsonException e)
        {
            throw new SourceUnavailableException($"X answered its rules endpoint with something that is not JSON: {e.Message}");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, object? body, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Server, pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ReadToken());
        if (body is not null) request.Content = JsonContent.Create(body);
        return await SourceHttp.SendAsync(http, request, completion, clock, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Connector} skipped a malformed X stream line ({Problem}): {Excerpt}")]
    private static partial void LogMalformed(ILogger logger, string connector, string problem, string excerpt);
}
