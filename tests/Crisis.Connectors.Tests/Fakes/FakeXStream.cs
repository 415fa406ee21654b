using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Tests.Fakes;

/// <summary>
/// A local X API v2 for the filtered stream, written from X's public documentation: the rules endpoint (list, add with a
/// tag, delete by id; a rule containing <see cref="InvalidRule"/> is refused in <c>errors</c>), recent search (newest first,
/// <c>since_id</c>, <c>includes.users</c>) and the stream itself, one JSON object per line with <c>\r\n</c> keep-alives.
/// Tweets before <see cref="Published"/> exist; each stream connection publishes the next ones as they happen, and a cut
/// connection can leave tweets published while nobody listened (only recent search finds them then).
/// </summary>
public sealed class FakeXStream : IAsyncDisposable
{
    public const long FirstId = 1_866_000_000_000_000_000;
    public const string InvalidRule = "((";
    private readonly WebApplication app;
    private readonly List<JsonObject> tweets;
    private readonly Lock gate = new();
    private int nextRuleId = 100;
    private (int After, int PublishedMeanwhile, string? Error) drop;
    // Set by each search: a connection publishes nothing until its client has searched (the connector opens the stream,
    // then searches the gap), so what is searched and what is streamed depends on the order, not on thread timing.
    private TaskCompletionSource searched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Published { get; private set; }

    /// <summary>The stream's rules: id → (value, tag).</summary>
    public ConcurrentDictionary<string, (string Value, string? Tag)> Rules { get; } = new();

    public ConcurrentQueue<string?> SearchSinceIds { get; } = new();

    public ConcurrentQueue<DateTime> StreamConnections { get; } = new();

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    /// <summary>A raw line sent before the next tweet, once (a malformed line).</summary>
    public string? GarbageNext { get; set; }

    public Uri Server { get; private set; } = null!;

    private FakeXStream(List<JsonObject> tweets, int published)
    {
        this.tweets = tweets;
        Published = published;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapGet("/2/tweets/search/stream/rules", () => Results.Text(RulesDocument(Rules.Select(r => (r.Key, r.Value.Value, r.Value.Tag))), "application/json"));
        app.MapPost("/2/tweets/search/stream/rules", (Delegate)ChangeRulesAsync);
        app.MapGet("/2/tweets/search/recent", Search);
        app.MapGet("/2/tweets/search/stream", StreamAsync);
    }

    public static async Task<FakeXStream> StartAsync(int count, int mentionEvery, int publishedBeforeStart)
    {
        var fake = new FakeXStream(Tweets(count, mentionEvery), publishedBeforeStart);
        await fake.app.StartAsync();
        fake.Server = new Uri(fake.app.Urls.First());
        return fake;
    }

    /// <summary>The next stream ends after <paramref name="after"/> tweets, with <paramref name="error"/> (an operational
    /// disconnect) or by cutting the connection; <paramref name="publishedMeanwhile"/> more appear before the client is back.</summary>
    public void DropNextAfter(int after, int publishedMeanwhile, string? error = null) => drop = (after, publishedMeanwhile, error);

    private async Task<IResult> ChangeRulesAsync(HttpContext context)
    {
        Authorizations.Enqueue(context.Request.Headers.Authorization.FirstOrDefault());
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        if (body["delete"]?["ids"] is JsonArray ids)
        {
            foreach (var id in ids) Rules.TryRemove((string)id!, out _);
            return Results.Text("""{"meta":{"summary":{"deleted":1}}}""", "application/json");
        }
        var created = new List<(string, string, string?)>();
        var errors = new JsonArray();
        foreach (var rule in body["add"]!.AsArray())
        {
            var value = (string)rule!["value"]!;
            if (value.Contains(InvalidRule, StringComparison.Ordinal))
            {
                errors.Add(new JsonObject { ["value"] = value, ["title"] = "UnprocessableEntity", ["detail"] = $"There were errors processing your request: no viable alternative at input '{value}'" });
                continue;
            }
            var id = Interlocked.Increment(ref nextRuleId).ToString(CultureInfo.InvariantCulture);
            Rules[id] = (value, (string?)rule["tag"]);
            created.Add((id, value, (string?)rule["tag"]));
        }
        var answer = JsonNode.Parse(RulesDocument(created))!.AsObject();
        if (errors.Count > 0) answer["errors"] = errors;
        return Results.Text(answer.ToJsonString(), "application/json", statusCode: 201);
    }

    private static string RulesDocument(IEnumerable<(string Id, string Value, string? Tag)> rules) => new JsonObject
    {
        ["data"] = new JsonArray([.. rules.Select(r => new JsonObject { ["id"] = r.Id, ["value"] = r.Value, ["tag"] = r.Tag })]),
        ["meta"] = new JsonObject { ["sent"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
    }.ToJsonString();

    private IResult Search(HttpContext context)
    {
        Authorizations.Enqueue(context.Request.Headers.Authorization.FirstOrDefault());
        var since = context.Request.Query["since_id"].FirstOrDefault();
        SearchSinceIds.Enqueue(since);
        searched.TrySetResult();
        List<JsonObject> found;
        lock (gate)
        {
            found = tweets.Take(Published).Where(t => since is null || long.Parse((string)t["data"]!["id"]!, CultureInfo.InvariantCulture) > long.Parse(since, CultureInfo.InvariantCulture))
                .Reverse().ToList();
        }
        // One page is enough for the specs: X pages by 100, the connector follows next_token, tested with recent search.
        var page = new JsonObject
        {
            ["data"] = new JsonArray([.. found.Select(t => t["data"]!.DeepClone())]),
            ["includes"] = new JsonObject { ["users"] = new JsonArray([.. found.Select(t => t["includes"]!["users"]![0]!.DeepClone())]) },
            ["meta"] = new JsonObject { ["result_count"] = found.Count, ["newest_id"] = found.Count > 0 ? found[0]["data"]!["id"]!.DeepClone() : null },
        };
        return Results.Text(page.ToJsonString(), "application/json");
    }

    private async Task StreamAsync(HttpContext context)
    {
        Authorizations.Enqueue(context.Request.Headers.Authorization.FirstOrDefault());
        if (!context.Request.Query.ContainsKey("expansions")) { context.Response.StatusCode = 400; return; }
        searched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        StreamConnections.Enqueue(DateTime.UtcNow);
        var (dropAfter, meanwhile, error) = drop;
        drop = default;
        context.Response.ContentType = "application/json";
        var stopping = context.RequestAborted;
        try
        {
            await WriteAsync(context, "\r\n", stopping);
            await searched.Task.WaitAsync(TimeSpan.FromSeconds(5), stopping);
            var sent = 0;
            while (!stopping.IsCancellationRequested)
            {
                JsonObject? next = null;
                var ending = false;
                lock (gate)
                {
                    if (dropAfter > 0 && sent == dropAfter)
                    {
                        Published = Math.Min(tweets.Count, Published + meanwhile);
                        ending = true;
                    }
                    else if (Published < tweets.Count) next = tweets[Published++];
                }
                // The tweets sent were delivered; the connection breaks afterwards (an abort right away would discard what the
                // client had not read yet, and the spec would test the socket's buffers).
                if (ending) await Task.Delay(500, stopping);
                if (ending && error is null)
                {
                    context.Abort();
                    return;
                }
                if (ending)
                {
                    // X says why before it closes: an operational disconnect.
                    var line = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["title"] = error, ["detail"] = "This stream has been disconnected for operational reasons." }) };
                    await WriteAsync(context, line.ToJsonString() + "\r\n", stopping);
                    return;
                }
                if (next is null)
                {
                    await WriteAsync(context, "\r\n", stopping);
                    await Task.Delay(300, stopping);
                    continue;
                }
                if (GarbageNext is { } garbage)
                {
                    GarbageNext = null;
                    await WriteAsync(context, garbage + "\r\n", stopping);
                }
                await WriteAsync(context, next.ToJsonString() + "\r\n", stopping);
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

    /// <summary>Stream lines: a tweet with its author in includes and the rule it matched; every <paramref name="mentionEvery"/>-th names Acme.</summary>
    private static List<JsonObject> Tweets(int count, int mentionEvery) =>
        Enumerable.Range(0, count).Select(i => new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["id"] = (FirstId + i).ToString(CultureInfo.InvariantCulture),
                ["text"] = i % mentionEvery == 0 ? $"tweet {i}: @AcmeSupport lost my parcel" : $"tweet {i}: nice day",
                ["author_id"] = (1000 + i % 17).ToString(CultureInfo.InvariantCulture),
                ["created_at"] = DateTime.UtcNow.AddMinutes(-30).AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["lang"] = i % 2 == 0 ? "en" : "qme",
                ["referenced_tweets"] = i % 5 == 1 ? new JsonArray(new JsonObject { ["type"] = "replied_to", ["id"] = (FirstId + i - 1).ToString(CultureInfo.InvariantCulture) }) : null,
                ["edit_history_tweet_ids"] = new JsonArray((FirstId + i).ToString(CultureInfo.InvariantCulture)),
            },
            ["includes"] = new JsonObject
            {
                ["users"] = new JsonArray(new JsonObject
                {
                    ["id"] = (1000 + i % 17).ToString(CultureInfo.InvariantCulture),
                    ["username"] = $"user{i % 17}",
                    ["name"] = $"User {i % 17}",
                    ["public_metrics"] = new JsonObject { ["followers_count"] = 100 * (i % 17) },
                }),
            },
            ["matching_rules"] = new JsonArray(new JsonObject { ["id"] = "101", ["tag"] = "crisis:spec" }),
        }).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
