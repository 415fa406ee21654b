using Crisis.ServiceDefaults.Messaging;
using Crisis.ServiceDefaults.EventSourcing;
using MassTransit;

namespace Crisis.CrisisCell.Incidents.Opening;

/// <summary>Queue and retry settings of the buzz pages, kept out of the consumer.</summary>
public sealed class BuzzEscalatedConsumerDefinition : ConsumerDefinition<BuzzEscalatedConsumer>
{
    public const string QueueName = "crisis-cell-buzz-escalated";

    public BuzzEscalatedConsumerDefinition()
    {
        EndpointName = QueueName;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<BuzzEscalatedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseQuorumQueue();
        // Concurrency conflicts (two deliveries of one page, a command from the cell at the same moment) resolve on retry;
        // an outage of the store holds the page until it is back (ConsumerRetries).
        endpointConfigurator.UseCrisisRetry(retry =>
        {
            // A refused or unroutable page fails the same way every time: straight to the error queue, visible.
            retry.Ignore<BrandNotRegisteredException>();
            retry.Ignore<IncidentIdsExhaustedException>();
            retry.Ignore<DomainRefusalException>();
            retry.Exponential(5, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
        });
    }
}
