using System.Net;
using System.Net.Sockets;
using Crisis.CrisisCell.Notifying.Configuring;
using MailKit;
using MailKit.Net.Smtp;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Crisis.CrisisCell.Notifying.Channels;

/// <summary>
/// One resilience pipeline per channel, built once: retries with exponential back-off and jitter on transient
/// failures, a circuit breaker so a dead receiver stops costing us time, a timeout per attempt. Separate pipelines,
/// so Slack being down opens Slack's breaker and never delays an e-mail.
/// </summary>
public sealed class ChannelPipelines
{
    private readonly Dictionary<DeliveryChannel, ResiliencePipeline<HttpResponseMessage>> http;

    public ChannelPipelines(NotificationSettings settings)
    {
        http = new[] { DeliveryChannel.Webhook, DeliveryChannel.Slack, DeliveryChannel.Teams }
            .ToDictionary(c => c, _ => BuildHttp(settings));
        Smtp = BuildSmtp(settings);
    }

    public ResiliencePipeline Smtp { get; }

    public ResiliencePipeline<HttpResponseMessage> Http(DeliveryChannel channel) => http[channel];

    /// <summary>5xx, 408 and 429 are the receiver's passing trouble; any other status means the request itself is wrong.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static ResiliencePipeline<HttpResponseMessage> BuildHttp(NotificationSettings settings)
    {
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => IsTransient(r.StatusCode));
        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = Math.Max(1, settings.ChannelRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(settings.ChannelRetryDelayMilliseconds),
                // A retry-after from a 429 would be honoured by the bus's redelivery; here we keep the attempt short.
                MaxDelay = TimeSpan.FromSeconds(10),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(30),
            })
            .AddTimeout(TimeSpan.FromSeconds(settings.ChannelTimeoutSeconds))
            .Build();
    }

    private static ResiliencePipeline BuildSmtp(NotificationSettings settings)
    {
        // Connection trouble and 4xx replies are transient in SMTP; a 5xx reply (bad address, refused) is not.
        var transient = new PredicateBuilder()
            .Handle<SocketException>()
            .Handle<IOException>()
            .Handle<ServiceNotConnectedException>()
            .Handle<TimeoutRejectedException>()
            .Handle<SmtpProtocolException>()
            .Handle<SmtpCommandException>(e => (int)e.StatusCode is >= 400 and < 500);
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = Math.Max(1, settings.ChannelRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(settings.ChannelRetryDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(10),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(30),
            })
            .AddTimeout(TimeSpan.FromSeconds(settings.ChannelTimeoutSeconds * 3))
            .Build();
    }
}
