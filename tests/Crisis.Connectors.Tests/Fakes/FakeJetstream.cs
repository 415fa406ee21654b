using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Tests.Fakes;

/// <summary>
/// A local Jetstream: a WebSocket at <c>/subscribe</c> that sends its frames from the asked <c>cursor</c> on (inclusive,
/// as a replay overlaps), then stays open like a quiet live tail. It can refuse a handshake with 429 + Retry-After, drop
/// the connection after some frames, and pace its frames.
/// </summary>
public sealed class FakeJetstream : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<(long TimeUs, string Json)> frames;
    private int refusalsLeft;
    private int dropAfter;

    /// <summary>The cursor each accepted connection asked for, and when (UTC).</summary>
    public ConcurrentQueue<(long? Cursor, DateTime At)> Connections { get; } = new();

    public ConcurrentQueue<DateTime> Refusals { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Frames per second sent to each connection; 0 sends them as fast as the socket takes them.</summary>
    public int FramesPerSecond { get; set; }

    public int RetryAfterSeconds { get; set; } = 1;

    private FakeJetstream(List<(long, string)> frames)
    {
        this.frames = frames;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.UseWebSockets();
        app.Map("/subscribe", SubscribeAsync);
    }

    /// <summary>Frames as Jetstream sends them; a line that is not JSON takes the time of the line before.</summary>
    public static async Task<FakeJetstream> StartAsync(IEnumerable<string> lines)
    {
        var frames = new List<(long, string)>();
        var previous = 0L;
        foreach (var line in lines)
        {
            var time = TimeOf(line) ?? previous;
            frames.Add((time, line));
            previous = time;
        }
        var fake = new FakeJetstream(frames);
        await fake.app.StartAsync();
        fake.Endpoint = new Uri(fake.app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/subscribe");
        return fake;
    }

    /// <summary>The next <paramref name="count"/> handshakes are answered 429 with Retry-After.</summary>
    public void RefuseNext(int count) => refusalsLeft = count;

    /// <summary>The next connection is cut (no close frame) after <paramref name="count"/> frames.</summary>
    public void DropNextAfter(int count) => dropAfter = count;

    private async Task SubscribeAsync(HttpContext context)
    {
        if (Interlocked.Decrement(ref refusalsLeft) >= 0)
        {
            Refusals.Enqueue(DateTime.UtcNow);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return;
        }
        Interlocked.Exchange(ref refusalsLeft, 0);
        if (!context.WebSockets.IsWebSocketRequest || context.Request.Query["wantedCollections"] != "app.bsky.feed.post")
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        long? cursor = long.TryParse(context.Request.Query["cursor"], CultureInfo.InvariantCulture, out var c) ? c : null;
        Connections.Enqueue((cursor, DateTime.UtcNow));
        var drop = Interlocked.Exchange(ref dropAfter, 0);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var stopping = context.RequestAborted;
        var sent = 0;
        try
        {
            foreach (var (time, json) in frames)
            {
                if (cursor is { } from && time < from) continue;
                if (drop > 0 && sent == drop)
                {
                    context.Abort();
                    return;
                }
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, stopping);
                sent++;
                if (FramesPerSecond > 0) await Task.Delay(1000 / FramesPerSecond, stopping);
            }
            // A live tail with nothing new: wait for the client to leave.
            var buffer = new byte[256];
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stopping);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away.
        }
    }

    private static long? TimeOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.TryGetProperty("time_us", out var time) ? time.GetInt64() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
