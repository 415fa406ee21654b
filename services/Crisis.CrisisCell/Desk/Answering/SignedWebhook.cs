using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crisis.CrisisCell.Desk.Configuring;
using Crisis.CrisisCell.Notifying.Channels;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Crisis.CrisisCell.Desk.Answering;

/// <summary>What a signed webhook answered: its JSON body when it sent one, or why it failed after the retries.</summary>
public sealed record WebhookReply(bool Delivered, JsonElement? Body, string? Failure);

/// <summary>
/// Posts desk payloads (answers to publish, cases for customer service) to an organisation's own endpoint, signed like the
/// notification webhook (<c>X-Crisis-Signature</c>: HMAC-SHA256 of the body), with an idempotency key so that a retried post
/// is recognised by the receiver. Transient failures (connection, timeout, 5xx, 408, 429) are retried with back-off; only a
/// 2xx counts as delivered.
/// </summary>
public sealed class SignedWebhook(HttpClient http, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly ResiliencePipeline<HttpResponseMessage> Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .Handle<TimeoutRejectedException>()
                .HandleResult(r => ChannelPipelines.IsTransient(r.StatusCode)),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        })
        // Per attempt: the responder waits on the answer, so a hung receiver must not hold the request for long.
        .AddTimeout(TimeSpan.FromSeconds(5))
        .Build();

    public async Task<WebhookReply> PostAsync(SignedWebhookOptions target, string idempotencyKey, object payload, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(payload, Json);
        try
        {
            using var response = await Pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add(WebhookPayload.SignatureHeader, WebhookPayload.Signature(body, target.Secret));
                request.Headers.Add(WebhookPayload.TimestampHeader, WebhookPayload.Timestamp(clock.GetUtcNow()));
                request.Headers.Add(WebhookPayload.IdempotencyHeader, idempotencyKey);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return await http.SendAsync(request, token);
            }, ct);
            if (!response.IsSuccessStatusCode) return new WebhookReply(false, null, $"the receiver answered {(int)response.StatusCode} {ReasonOf(response.StatusCode)}");
            return new WebhookReply(true, await ReadJsonAsync(response, ct), null);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new WebhookReply(false, null, $"the receiver could not be reached ({e.GetType().Name})");
        }
    }

    private static string ReasonOf(HttpStatusCode status) => status.ToString();

    /// <summary>The receiver may answer with JSON (a link, a case reference); anything else, or too much of it, is ignored.</summary>
    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json" || response.Content.Headers.ContentLength > 64 * 1024) return null;
        var text = await response.Content.ReadAsStringAsync(ct);
        if (text.Length is 0 or > 64 * 1024) return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
