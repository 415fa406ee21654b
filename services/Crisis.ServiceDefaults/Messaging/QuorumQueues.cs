using MassTransit;

namespace Crisis.ServiceDefaults.Messaging;

public static class QuorumQueues
{
    /// <summary>Redeliveries of one message before RabbitMQ drops it to the error path.</summary>
    public const int DeliveryLimit = 5;

    /// <summary>
    /// Every Crisis receive endpoint on RabbitMQ: a quorum queue (survives a node loss) with a delivery limit,
    /// because RabbitMQ 3.10 otherwise redelivers a poison message forever. A no-op on other transports.
    /// </summary>
    public static void UseQuorumQueue(this IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is not IRabbitMqReceiveEndpointConfigurator rabbit) return;
        rabbit.SetQuorumQueue();
        rabbit.SetQueueArgument("x-delivery-limit", DeliveryLimit);
    }
}
