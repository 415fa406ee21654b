using MassTransit;

namespace Crisis.ServiceDefaults.Messaging;

/// <summary>
/// The failure policy of every Crisis receive endpoint: a valid message is never dead-lettered because PostgreSQL or
/// RabbitMQ is away, however long, and only the message's own failures count towards its error queue.
/// </summary>
/// <remarks>
/// A transient failure (<see cref="TransientFailures"/>) is retried in memory, with back-off up to
/// <see cref="MaxTransientInterval"/>, until the server answers: the message stays unacknowledged and is never returned
/// to the queue, so the quorum queue's delivery limit (<see cref="QuorumQueues.DeliveryLimit"/>) is not spent on an
/// outage. While every consumer slot waits on the store, the endpoint takes nothing new: consumption stops by itself
/// and resumes when the store does. (A kill switch that stops the endpoint would return every prefetched message to
/// the queue on each trip, and RabbitMQ 3.10 counts each return against the delivery limit: a long outage would then
/// have the broker drop valid messages.) A host stopped meanwhile returns its messages once (one delivery counted).
/// Any other failure gets the endpoint's own bounded retry, then the error queue with MassTransit's fault headers.
/// </remarks>
public static class ConsumerRetries
{
    public static readonly TimeSpan MaxTransientInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Retries transient store and broker failures until they pass, and the message's own failures as
    /// <paramref name="ownFailures"/> says (its intervals and the exceptions it ignores); transient ones never count there.
    /// </summary>
    public static void UseCrisisRetry(this IReceiveEndpointConfigurator endpoint, Action<IRetryConfigurator> ownFailures)
    {
        ArgumentNullException.ThrowIfNull(ownFailures);
        // Outer: the message's own failures, a few attempts. Inner: an outage, as long as it lasts; it only hands an
        // exception outwards once it is not transient (or the host stops).
        endpoint.UseMessageRetry(retry =>
        {
            retry.Ignore<Exception>(TransientFailures.IsTransient);
            ownFailures(retry);
        });
        endpoint.UseMessageRetry(retry =>
        {
            retry.Handle<Exception>(TransientFailures.IsTransient);
            retry.Exponential(int.MaxValue, TimeSpan.FromMilliseconds(200), MaxTransientInterval, TimeSpan.FromMilliseconds(500));
        });
    }
}
