using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Running;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Sources.Bluesky;

/// <summary>
/// Bluesky through a Jetstream instance: a WebSocket carrying every public commit as JSON, asked for posts only
/// (<c>wantedCollections=app.bsky.feed.post</c>) and filtered here by the brand queries. The position is the
/// <c>time_us</c> of the last event read; Jetstream replays from a <c>cursor</c> in microseconds, so a reconnection
/// resumes where the committed batches end.
/// </summary>
public sealed partial class JetstreamSource(string connector, ConnectorSettings settings, TimeProvider clock, ILogger logger) : IConnectorSource
{
    public static readonly Uri PublicEndpoint = new("wss://jetstream2.us-east.bsky.network/subscribe");
    private const string PostCollection = "app.bsky.feed.post";

    public string Platform => "bluesky";

    public async IAsyncEnumerable<SourceBatch> ReadAsync(string? position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = position is not null && long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var stored)
            ? stored
            : (clock.GetUtcNow() - settings.Backfill).ToUnixTimeMilliseconds() * 1000;
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        await ConnectAsync(socket, AddressFrom(cursor), cancellationToken);

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var posts = new List<SourcePost>();
            string? last = null;
            var newest = 0L;
            int seen = 0, malformed = 0;
            var batchStarted = clock.GetTimestamp();
            Task<(int Length, bool Closed)>? pending = null;
            while (true)
            {
                pending ??= ReceiveMessageAsync(socket, () => buffer, b => buffer = b, cancellationToken);
                var wait = settings.FlushInterval - clock.GetElapsedTime(batchStarted);
                if (seen + malformed > 0 && (posts.Count >= settings.BatchSize || wait <= TimeSpan.Zero || !await CompletesWithin(pending, wait, cancellationToken)))
                {
                    yield return new SourceBatch(posts, last, seen, malformed);
                    posts = [];
                    seen = malformed = 0;
                    batchStarted = clock.GetTimestamp();
                    continue;
                }
                var (length, closed) = await pending;
                pending = null;
                if (closed)
                {
                    if (seen + malformed > 0) yield return new SourceBatch(posts, last, seen, malformed);
                    throw new SourceUnavailableException($"Jetstream closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})");
                }
                if (seen + malformed == 0) batchStarted = clock.GetTimestamp();
                switch (Read(buffer.AsSpan(0, length), out var post, out var timeUs, out var problem))
                {
                    case Frame.Post:
                        posts.Add(post!);
                        seen++;
                        break;
                    case Frame.Other:
                        seen++;
                        break;
                    default:
                        malformed++;
                        LogMalformed(logger, connector, problem!, Excerpt(buffer.AsSpan(0, length)));
                        break;
                }
                // A replayed frame never moves the position back.
                if (timeUs > newest)
                {
                    newest = timeUs;
                    last = timeUs.ToString(CultureInfo.InvariantCulture);
                }
            }
        }
        finally
        {
            // Stop any receive still writing into the buffer before it goes back to the pool.
            socket.Abort();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Uri AddressFrom(long cursor)
    {
        var endpoint = settings.Endpoint ?? PublicEndpoint;
        var separator = string.IsNullOrEmpty(endpoint.Query) ? "?" : "&";
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"{endpoint.AbsoluteUri}{separator}wantedCollections={PostCollection}&cursor={cursor}"));
    }

    private static async Task ConnectAsync(ClientWebSocket socket, Uri address, CancellationToken cancellationToken)
    {
        try
        {
            await socket.ConnectAsync(address, cancellationToken);
        }
        catch (WebSocketException e)
        {
            // The handshake's answer says why: a 429 or 503 with Retry-After is waited out as asked.
            var retryAfter = RetryAfter.From(socket.HttpResponseHeaders, DateTimeOffset.UtcNow);
            var status = socket.HttpStatusCode;
            throw new SourceUnavailableException(
                status == default ? $"cannot connect to {address.Host}: {e.Message}" : $"{address.Host} answered {(int)status} to the WebSocket handshake",
                status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable ? retryAfter : null, e);
        }
    }

    private static async Task<bool> CompletesWithin(Task task, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (task.IsCompleted) return true;
        await Task.WhenAny(task, Task.Delay(wait, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        return task.IsCompleted;
    }

    /// <summary>One whole message (frames joined), growing the pooled buffer when a message is larger.</summary>
    private static async Task<(int Length, bool Closed)> ReceiveMessageAsync(
        ClientWebSocket socket, Func<byte[]> buffer, Action<byte[]> grow, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            var current = buffer();
            if (length == current.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(current.Length * 2);
                current.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(current);
                grow(larger);
                current = larger;
            }
            ValueWebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(current.AsMemory(length), cancellationToken);
            }
            catch (WebSocketException e)
            {
                throw new SourceUnavailableException($"the Jetstream connection broke: {e.Message}", null, e);
            }
            if (result.MessageType == WebSocketMessageType.Close) return (0, true);
            length += result.Count;
            if (result.EndOfMessage) return (length, false);
        }
    }

    internal enum Frame { Post, Other, Malformed }

    /// <summary>Reads one Jetstream event; a commit creating a post becomes a <see cref="SourcePost"/>.</summary>
    internal static Frame Read(ReadOnlySpan<byte> json, out SourcePost? post, out long timeUs, out string? problem)
    {
        post = null;
        timeUs = 0;
        problem = null;
        JetstreamEvent? e;
        try
        {
            e = JsonSerializer.Deserialize(json, JetstreamJsonContext.Default.JetstreamEvent);
        }
        catch (JsonException ex)
        {
            problem = $"not JSON: {ex.Message}";
            return Frame.Malformed;
        }
        if (e is null || e.TimeUs <= 0 || string.IsNullOrEmpty(e.Did)) { problem = "no did or time_us"; return Frame.Malformed; }
        timeUs = e.TimeUs;
        if (e.Kind != "commit" || e.Commit is not { Operation: "create", Collection: PostCollection } commit) return Frame.Other;
        if (string.IsNullOrEmpty(commit.Rkey) || commit.Record is not { } record || record.Text is null)
        {
            problem = "a post commit without rkey or record.text";
            return Frame.Malformed;
        }
        if (!DateTimeOffset.TryParse(record.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt))
        {
            // A post with an unreadable createdAt is still a post: Jetstream's own clock says when it was seen.
            createdAt = DateTimeOffset.FromUnixTimeMilliseconds(e.TimeUs / 1000);
        }
        if (record.Text.Length == 0)
        {
            return Frame.Other; // an image or a quote without words: nothing a query can match
        }
        var uri = $"at://{e.Did}/{PostCollection}/{commit.Rkey}";
        post = new SourcePost(
            uri, e.Did, null, null, record.Text, record.Langs is [var first, ..] ? first : null,
            new Uri($"https://bsky.app/profile/{e.Did}/post/{Uri.EscapeDataString(commit.Rkey)}"),
            createdAt, record.Reply?.Parent?.Uri);
        return Frame.Post;
    }

    private static string Excerpt(ReadOnlySpan<byte> json)
    {
        var text = System.Text.Encoding.UTF8.GetString(json[..Math.Min(json.Length, 200)]);
        return new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Connector} skipped a malformed Jetstream event ({Problem}): {Excerpt}")]
    private static partial void LogMalformed(ILogger logger, string connector, string problem, string excerpt);
}
