using Crisis.CrisisCell.Notifying.Configuring;

namespace Crisis.CrisisCell.Notifying.Channels;

/// <summary>Sends one message through one contact endpoint; throws <see cref="ChannelDeliveryException"/> when it could not.</summary>
public interface INotificationChannel
{
    DeliveryChannel Channel { get; }

    Task SendAsync(NotificationMessage message, ContactEndpoint endpoint, CancellationToken ct);
}

/// <summary>A channel refused or kept failing after its retries. <see cref="Transient"/>: another delivery later might succeed.</summary>
public sealed class ChannelDeliveryException(DeliveryChannel channel, string reason, bool transient, Exception? inner = null)
    : Exception($"{channel} delivery failed: {reason}", inner), Crisis.ServiceDefaults.Messaging.IOutboundFailure
{
    public DeliveryChannel Channel { get; } = channel;
    public bool Transient { get; } = transient;
}
