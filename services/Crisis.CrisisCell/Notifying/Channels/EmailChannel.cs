using Crisis.CrisisCell.Notifying.Configuring;
using MailKit.Net.Smtp;

namespace Crisis.CrisisCell.Notifying.Channels;

/// <summary>E-mail through the configured SMTP relay (<see cref="SmtpRelay"/>); one connection per message (pages are rare).</summary>
public sealed class EmailChannel(SmtpRelay relay) : INotificationChannel
{
    public DeliveryChannel Channel => DeliveryChannel.Email;

    public async Task SendAsync(NotificationMessage message, ContactEndpoint endpoint, CancellationToken ct)
    {
        var to = endpoint.Address ?? throw new ChannelDeliveryException(Channel, $"endpoint '{endpoint.Id}' has no address", transient: false);
        try
        {
            using var mail = EmailContent.Build(message, relay.From, to);
            await relay.SendAsync(mail, ct);
        }
        catch (SmtpCommandException e)
        {
            throw new ChannelDeliveryException(Channel, $"{e.StatusCode}: {e.Message}", transient: (int)e.StatusCode is >= 400 and < 500, e);
        }
        catch (Exception e) when (SmtpRelay.IsSendFailure(e))
        {
            throw new ChannelDeliveryException(Channel, e.Message, transient: true, e);
        }
    }
}
