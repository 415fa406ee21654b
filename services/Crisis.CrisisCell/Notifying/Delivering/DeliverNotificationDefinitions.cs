using Crisis.ServiceDefaults.Messaging;
using Crisis.CrisisCell.Notifying.Channels;
using MassTransit;

namespace Crisis.CrisisCell.Notifying.Delivering;

/// <summary>Queue and retry settings of deliveries, kept out of the consumer.</summary>
public sealed class DeliverNotificationConsumerDefinition : ConsumerDefinition<DeliverNotificationConsumer>
{
    public const string QueueName = "crisis-cell-deliver-notification";

    public DeliverNotificationConsumerDefinition()
    {
        EndpointName = QueueName;
        // Each delivery is one channel and one recipient: several at once, so a slow channel never holds up the rest.
        ConcurrentMessageLimit = 8;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<DeliverNotificationConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseQuorumQueue();
        // The channel already retried transient failures with back-off; the bus retries a little later, in case
        // the receiver needed longer. A refusal (4xx, bad endpoint) fails the same way every time: straight to the error queue.
        // An outage of the store (claiming, recording the outcome) holds the delivery until it is back (ConsumerRetries).
        endpointConfigurator.UseCrisisRetry(retry =>
        {
            retry.Ignore<DeliveryRefusedException>();
            retry.Ignore<ChannelDeliveryException>(e => !e.Transient);
            retry.Intervals(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));
        });
    }
}

public sealed class DeliveryFaultConsumerDefinition : ConsumerDefinition<DeliveryFaultConsumer>
{
    public const string QueueName = "crisis-cell-deliver-notification-faults";

    public DeliveryFaultConsumerDefinition()
    {
        EndpointName = QueueName;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<DeliveryFaultConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseQuorumQueue();
        endpointConfigurator.UseCrisisRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100)));
    }
}
