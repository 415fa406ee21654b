using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Tests.Fakes;

/// <summary>
/// A local Mastodon server for one hashtag. Statuses before <see cref="Published"/> exist: the search API finds them
/// (<c>min_id</c>, newest first); each streaming connection publishes the next ones as server-sent events, as they
/// happen. A cut connection can leave statuses published while nobody listened: only the backfill can find them.
/// </summary>
public sealed class FakeMastodon : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<JsonObject> statuses;
    private readonly Lock gate = new();
    private int refusalsLeft;
    private (int After, int PublishedMeanwhile) drop;

    public int Published { get; private set; }

    public ConcurrentQueue<string?> SearchMinIds { get; } = new();

    public ConcurrentQueue<DateTime> StreamConnections { get; } = new();

    public ConcurrentQueue<DateTime> Refusals { get; } = new();

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    /// <summary>Raw SSE data sent before the next status, once (a malformed event).</summary>
    public string? GarbageNext { get; set; }

    public Uri Server { get; private set; } = null!;

    private FakeMastodon(List<JsonObject> statuses, int published)
    {
        this.statuses = statuses;
        Published = published;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapGet("/api/v2/search", Search);
        app.MapGet("/api/v1/streaming/hashtag", StreamAsync);
    }

    public static async Task<FakeMastodon> StartAsync(IEnumerable<JsonObject> statuses, int publishedBeforeStart)
    {
        var fake = new FakeMastodon(statuses.ToList(), publishedBeforeStart);
        await fake.app.StartAsync();
        fake.Server = new Uri(fake.app.Urls.First());
        return fake;
    }

    public void RefuseNext(int count) => refusalsLeft = count;

    /// <summary>The next stream is cut after <paramref name="after"/> statuses; <paramref name="publishedMeanwhile"/> more appear before the client is back.</summary>
    public void DropNextAfter(int after, int publishedMeanwhile) => drop = (after, publishedMeanwhile);

    private IResult Search(HttpContext context)
    {
        Authorizations.Enqueue(context.Request.Headers.Authorization.FirstOrDefault());
        var query = context.Request.Query;
        if (query["type"] != "statuses" || query["q"] != "#acme") return Results.BadRequest();
        var minId = query["min_id"].FirstOrDefault();
        SearchMinIds.Enqueue(minId);
        var limit = int.Parse(query["limit"].FirstOrDefault() ?? "20", CultureInfo.InvariantCulture);
        List<JsonObject> page;
        lock (gate)
        {
            page = statuses.Take(Published).Where(s => minId is null || Compare((string)s["id"]!, minId) > 0).Take(limit).Reverse().ToList();
        }
        return Results.Text(new JsonObject { ["accounts"] = new JsonArray(), ["statuses"] = new JsonArray([.. page.Select(s => s.DeepClone())]), ["hashtags"] = new JsonArray() }.ToJsonString(), "application/json");
    }

    private async Task StreamAsync(HttpContext context)
    {
        if (Interlocked.Decrement(ref refusalsLeft) >= 0)
        {
            Refusals.Enqueue(DateTime.UtcNow);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "2";
            return;
        }
        Interlocked.Exchange(ref refusalsLeft, 0);
        if (context.Request.Query["tag"] != "acme") { context.Response.StatusCode = 400; return; }
        StreamConnections.Enqueue(DateTime.UtcNow);
        var (dropAfter, meanwhile) = drop;
        drop = default;
        context.Response.ContentType = "text/event-stream";
        var stopping = context.RequestAborted;
        try
        {
            await WriteAsync(context, ":)\n\n", stopping);
            var sent = 0;
            while (!stopping.IsCancellationRequested)
            {
                JsonObject? next = null;
                lock (gate)
                {
                    if (dropAfter > 0 && sent == dropAfter)
                    {
                        Published = Math.Min(statuses.Count, Published + meanwhile);
                        context.Abort();
                        return;
                    }
                    if (Published < statuses.Count) next = statuses[Published++];
                }
                if (next is null)
                {
                    await WriteAsync(context, ":thump\n\n", stopping);
                    await Task.Delay(500, stopping);
                    continue;
                }
                if (GarbageNext is { } garbage)
                {
                    GarbageNext = null;
                    await WriteAsync(context, $"event: update\ndata: {garbage}\n\n", stopping);
                }
                await WriteAsync(context, $"event: update\ndata: {next.ToJsonString()}\n\n", stopping);
                sent++;
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    private static int Compare(string a, string b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);

    public static List<JsonObject> Fixture(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(n => n!.AsObject()).ToList();

    /// <summary>Synthetic statuses of the hashtag, ids growing from <paramref name="firstId"/>; every <paramref name="mentionEvery"/>-th names Acme.</summary>
    public static List<JsonObject> Statuses(int count, int mentionEvery, long firstId, DateTimeOffset createdFrom) =>
        Enumerable.Range(0, count).Select(i => new JsonObject
        {
            ["id"] = (firstId + i).ToString(CultureInfo.InvariantCulture),
            ["created_at"] = createdFrom.AddSeconds(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["in_reply_to_id"] = null,
            ["spoiler_text"] = "",
            ["language"] = "en",
            ["url"] = $"https://mastodon.example/@user{i % 31}/{firstId + i}",
            ["content"] = i % mentionEvery == 0 ? $"<p>status {i}: acme lost my parcel</p>" : $"<p>status {i}: nice day</p>",
            ["reblog"] = null,
            ["account"] = new JsonObject { ["acct"] = $"user{i % 31}", ["display_name"] = "", ["followers_count"] = i },
        }).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
