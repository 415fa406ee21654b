using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Crisis.IntegrationTests.Notifying;

namespace Crisis.IntegrationTests.Desk;

/// <summary>
/// The organisation's own tooling and its customer service, faked on a loopback port: <c>/publish/{org}</c> publishes an
/// answer (200 with its link and post id), <c>/broken/{org}</c> always answers 503, <c>/cases/{org}</c> opens a case (200 with
/// its reference). Every call is recorded, failing ones too, so retries can be counted and signatures checked.
/// </summary>
public sealed class FakeDeskReceivers : IAsyncDisposable
{
    public const string Secret = "desk-webhook-secret-0123";
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private int published;

    private FakeDeskReceivers(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public static async Task<FakeDeskReceivers> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receivers = new FakeDeskReceivers(app);
        app.MapPost("/publish/{org}", async (HttpRequest request) =>
        {
            await receivers.RecordAsync(request, StatusCodes.Status200OK);
            var n = Interlocked.Increment(ref receivers.published);
            return Results.Json(new { url = $"https://x.example/acme/status/answer-{n}", postId = $"answer-{n}" });
        });
        app.MapPost("/broken/{org}", async (HttpRequest request) =>
        {
            await receivers.RecordAsync(request, StatusCodes.Status503ServiceUnavailable);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        app.MapPost("/cases/{org}", async (HttpRequest request) =>
        {
            await receivers.RecordAsync(request, StatusCodes.Status200OK);
            return Results.Json(new { caseReference = $"CS-{receivers.received.Count}" });
        });
        await app.StartAsync();
        receivers.BaseAddress = new Uri(app.Urls.First());
        return receivers;
    }

    /// <summary>
    /// The desk host's settings: <paramref name="working"/> publishes and hands over; <paramref name="broken"/> cannot publish.
    /// The service-level organisation's target and on-call file are the run's (<see cref="NotificationReceivers.DeskServiceLevelSettings"/>),
    /// never set here: its timeouts fire on whichever host takes them first, so every host must warn the same receivers.
    /// </summary>
    public IReadOnlyDictionary<string, string> HostSettings(string working, string broken) => new Dictionary<string, string>
    {
        // Targets out of reach for the other specs' conversations: a breach would add events they do not expect.
        [$"Desk__Organisations__{working}__FirstAnswerMinutes"] = "10080",
        [$"Desk__Organisations__{working}__IncidentFirstAnswerMinutes"] = "10080",
        [$"Desk__Organisations__{broken}__FirstAnswerMinutes"] = "10080",
        [$"Desk__Organisations__{broken}__IncidentFirstAnswerMinutes"] = "10080",
        [$"Desk__Organisations__{working}__AnswerWebhook__Url"] = new Uri(BaseAddress, $"/publish/{working}").ToString(),
        [$"Desk__Organisations__{working}__AnswerWebhook__Secret"] = Secret,
        [$"Desk__Organisations__{working}__HandoverWebhook__Url"] = new Uri(BaseAddress, $"/cases/{working}").ToString(),
        [$"Desk__Organisations__{working}__HandoverWebhook__Secret"] = Secret,
        [$"Desk__Organisations__{broken}__AnswerWebhook__Url"] = new Uri(BaseAddress, $"/broken/{broken}").ToString(),
        [$"Desk__Organisations__{broken}__AnswerWebhook__Secret"] = Secret,
    };

    private async Task RecordAsync(HttpRequest request, int status)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        received.Enqueue(new ReceivedWebhook(request.Path, headers, body, DateTimeOffset.UtcNow, status));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
