using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Crisis.CrisisCell.Notifying.Configuring;
using MailKit;
using MailKit.Net.Smtp;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Microsoft.Extensions.Options;

namespace Crisis.CrisisCell.Notifying.Channels;

/// <summary>
/// One resilience pipeline per channel endpoint, built once and kept: retries with exponential back-off and jitter
/// on transient failures, a circuit breaker so a dead receiver stops costing us time, a timeout per attempt.
/// Separate pipelines (and so separate breakers) per webhook URL and for the SMTP relay: one customer's broken
/// receiver opens its own breaker and never delays another's webhook or an e-mail.
/// </summary>
public sealed class ChannelPipelines(IOptions<NotificationSettings> options)
{
    private readonly ConcurrentDictionary<string, Lazy<ResiliencePipeline<HttpResponseMessage>>> http = new(StringComparer.Ordinal);

    public ResiliencePipeline Smtp { get; } = BuildSmtp(options.Value);

    public ResiliencePipeline<HttpResponseMessage> Http(DeliveryChannel channel, Uri endpoint) =>
        http.GetOrAdd($"{channel}:{endpoint.GetLeftPart(UriPartial.Path)}", _ => new Lazy<ResiliencePipeline<HttpResponseMessage>>(() => BuildHttp(options.Value))).Value;

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
