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
    public const string ServiceLevelOrganisation = "desk-sla-org";
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private int published;
    private string? onCallFile;

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
        // On-call contacts of the service-level organisation: first-answer warnings arrive here.
        app.MapPost("/warn/{who}", async (HttpRequest request) =>
        {
            await receivers.RecordAsync(request, StatusCodes.Status200OK);
            return Results.Ok();
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

    /// <summary>The desk host's settings: <paramref name="working"/> publishes and hands over; <paramref name="broken"/> cannot publish.</summary>
    public IReadOnlyDictionary<string, string> HostSettings(string working, string broken) => new Dictionary<string, string>
    {
        // Targets out of reach for the other specs' conversations: a breach would add events they do not expect.
        [$"Desk__Organisations__{working}__FirstAnswerMinutes"] = "10080",
        [$"Desk__Organisations__{working}__IncidentFirstAnswerMinutes"] = "10080",
        [$"Desk__Organisations__{broken}__FirstAnswerMinutes"] = "10080",
        [$"Desk__Organisations__{broken}__IncidentFirstAnswerMinutes"] = "10080",
        // The service-level organisation: a one-minute target, checked twice a second, its on-call lead and a responder reachable here.
        [$"Desk__Organisations__{ServiceLevelOrganisation}__FirstAnswerMinutes"] = "1",
        ["Desk__ServiceLevelPollMilliseconds"] = "500",
        [$"Notifications__OnCallFiles__{ServiceLevelOrganisation}"] = OnCallFile(),
        [$"Desk__Organisations__{working}__AnswerWebhook__Url"] = new Uri(BaseAddress, $"/publish/{working}").ToString(),
        [$"Desk__Organisations__{working}__AnswerWebhook__Secret"] = Secret,
        [$"Desk__Organisations__{working}__HandoverWebhook__Url"] = new Uri(BaseAddress, $"/cases/{working}").ToString(),
        [$"Desk__Organisations__{working}__HandoverWebhook__Secret"] = Secret,
        [$"Desk__Organisations__{broken}__AnswerWebhook__Url"] = new Uri(BaseAddress, $"/broken/{broken}").ToString(),
        [$"Desk__Organisations__{broken}__AnswerWebhook__Secret"] = Secret,
    };

    /// <summary>lina is on call at level 1; sam is a responder with a contact, warned about the conversations he claimed.</summary>
    private string OnCallFile()
    {
        var path = onCallFile ??= Path.Combine(Path.GetTempPath(), $"desk-sla-oncall-{Guid.NewGuid():N}.json");
        string Hook(string who) => new Uri(BaseAddress, $"/warn/{who}").ToString();
        File.WriteAllText(path, $$"""
            {
              "rotations": [ { "id": "leads", "startsAt": "2020-01-01T00:00:00+00:00", "shiftLength": "3650.00:00:00", "members": [ { "id": "lina" } ] } ],
              "levels": [ { "level": 1, "afterUnacknowledged": "00:00:00", "rotationIds": [ "leads" ] } ],
              "repeatLimit": 0,
              "noise": { "maxNotificationsPerWindow": 50, "capWindow": "01:00:00", "quietRenotifyInterval": "01:00:00", "groupingWindow": "00:00:03" },
              "contacts": {
                "lina": [ { "id": "webhook", "channel": "Webhook", "url": "{{Hook("lina")}}", "secret": "{{Secret}}" } ],
                "sam": [ { "id": "webhook", "channel": "Webhook", "url": "{{Hook("sam")}}", "secret": "{{Secret}}" } ]
              }
            }
            """);
        return path;
    }

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
        if (onCallFile is not null) File.Delete(onCallFile);
    }
}
