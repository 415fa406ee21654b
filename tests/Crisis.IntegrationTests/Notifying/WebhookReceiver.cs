using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crisis.IntegrationTests.Notifying;

/// <summary>One webhook call as the receiver saw it.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt, int Status)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>
/// An in-process Kestrel on a loopback port standing in for the receivers: <c>/hooks/{name}</c> answers 200,
/// <c>/failing/{name}</c> answers 500, <c>/slack/{name}</c> and <c>/teams/{name}</c> stand in for Slack's and Teams'
/// incoming webhooks (200), <c>/capped/{name}</c> (200) serves the frequency-cap organisation. Every call is recorded, failing ones too, so retries can be counted.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", (HttpRequest request) => receiver.RecordAsync(request, StatusCodes.Status200OK));
        app.MapPost("/capped/{name}", (HttpRequest request) => receiver.RecordAsync(request, StatusCodes.Status200OK));
        app.MapPost("/slack/{name}", (HttpRequest request) => receiver.RecordAsync(request, StatusCodes.Status200OK));
        app.MapPost("/teams/{name}", (HttpRequest request) => receiver.RecordAsync(request, StatusCodes.Status200OK));
        app.MapPost("/failing/{name}", (HttpRequest request) => receiver.RecordAsync(request, StatusCodes.Status500InternalServerError));
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Urls.First());
        return receiver;
    }

    private async Task<IResult> RecordAsync(HttpRequest request, int status)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        received.Enqueue(new ReceivedWebhook(request.Path, headers, body, DateTimeOffset.UtcNow, status));
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
