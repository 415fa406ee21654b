using System.Globalization;
using System.Text;
using Crisis.CrisisCell.Notifying.Configuring;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Crisis.CrisisCell.Notifying.Channels;

/// <summary>The three webhook-shaped channels differ only in their body and headers; the posting is shared.</summary>
public abstract class HttpChannel(HttpClient http, ChannelPipelines pipelines) : INotificationChannel
{
    public abstract DeliveryChannel Channel { get; }

    protected abstract string Body(NotificationMessage message);

    protected virtual void Sign(HttpRequestMessage request, string body, ContactEndpoint endpoint)
    {
    }

    public async Task SendAsync(NotificationMessage message, ContactEndpoint endpoint, CancellationToken ct)
    {
        var url = endpoint.Url ?? throw new ChannelDeliveryException(Channel, $"endpoint '{endpoint.Id}' has no URL", transient: false);
        var body = Body(message);
        HttpResponseMessage response;
        try
        {
            // A fresh request per attempt: an HttpRequestMessage cannot be sent twice.
            response = await pipelines.Http(Channel, url).ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add(WebhookPayload.IdempotencyHeader, message.IdempotencyKey);
                Sign(request, body, endpoint);
                return await http.SendAsync(request, token);
            }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException)
        {
            throw new ChannelDeliveryException(Channel, e.Message, transient: true, e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ChannelDeliveryException(Channel,
                    string.Create(CultureInfo.InvariantCulture, $"{url.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}"),
                    ChannelPipelines.IsTransient(response.StatusCode));
            }
        }
    }
}

public sealed class WebhookChannel(HttpClient http, ChannelPipelines pipelines, TimeProvider clock) : HttpChannel(http, pipelines)
{
    public override DeliveryChannel Channel => DeliveryChannel.Webhook;

    protected override string Body(NotificationMessage message) => WebhookPayload.Body(message);

    protected override void Sign(HttpRequestMessage request, string body, ContactEndpoint endpoint)
    {
        request.Headers.Add(WebhookPayload.SignatureHeader, WebhookPayload.Signature(body, endpoint.Secret ?? ""));
        request.Headers.Add(WebhookPayload.TimestampHeader, WebhookPayload.Timestamp(clock.GetUtcNow()));
    }
}

public sealed class SlackChannel(HttpClient http, ChannelPipelines pipelines) : HttpChannel(http, pipelines)
{
    public override DeliveryChannel Channel => DeliveryChannel.Slack;

    protected override string Body(NotificationMessage message) => SlackPayload.Body(message);
}

public sealed class TeamsChannel(HttpClient http, ChannelPipelines pipelines) : HttpChannel(http, pipelines)
{
    public override DeliveryChannel Channel => DeliveryChannel.Teams;

    protected override string Body(NotificationMessage message) => TeamsPayload.Body(message);
}

