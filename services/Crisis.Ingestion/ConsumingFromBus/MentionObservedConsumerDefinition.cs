using Crisis.ServiceDefaults.Messaging;
using Crisis.Contracts.Mentions;
using MassTransit;

namespace Crisis.Ingestion.ConsumingFromBus;

/// <summary>Batching, retries and queue settings of the bus intake, kept out of the consumer.</summary>
public sealed class MentionObservedConsumerDefinition : ConsumerDefinition<MentionObservedConsumer>
{
    /// <summary>Messages per batch: large enough that one commit carries many mentions.</summary>
    public const int BatchSize = 500;

    public MentionObservedConsumerDefinition()
    {
        EndpointName = MentionQueues.Observed;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<MentionObservedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = BatchSize * 2;
        endpointConfigurator.UseQuorumQueue();
        // An outage of the store holds the batch until it is back (ConsumerRetries); anything else is retried five times.
        endpointConfigurator.UseCrisisRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(BatchSize)
            .SetTimeLimit(TimeSpan.FromMilliseconds(100))
            .SetConcurrencyLimit(2));
    }
}
