using Crisis.CrisisCell.Notifying.Configuring;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Microsoft.Extensions.Options;

namespace Crisis.CrisisCell.Notifying.Channels;

/// <summary>E-mail through the configured SMTP relay with MailKit; one connection per message (pages are rare).</summary>
public sealed class EmailChannel(IOptions<NotificationSettings> settings, ChannelPipelines pipelines) : INotificationChannel
{
    public DeliveryChannel Channel => DeliveryChannel.Email;

    public async Task SendAsync(NotificationMessage message, ContactEndpoint endpoint, CancellationToken ct)
    {
        var to = endpoint.Address ?? throw new ChannelDeliveryException(Channel, $"endpoint '{endpoint.Id}' has no address", transient: false);
        var smtp = settings.Value.Smtp;
        try
        {
            await pipelines.Smtp.ExecuteAsync(async token =>
            {
                using var mail = EmailContent.Build(message, smtp.From, to);
                using var client = new SmtpClient();
                await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, token);
                if (smtp.UserName is { Length: > 0 } user) await client.AuthenticateAsync(user, smtp.Password ?? "", token);
                await client.SendAsync(mail, token);
                await client.DisconnectAsync(quit: true, token);
            }, ct);
        }
        catch (SmtpCommandException e)
        {
            throw new ChannelDeliveryException(Channel, $"{e.StatusCode}: {e.Message}", transient: (int)e.StatusCode is >= 400 and < 500, e);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException
                                       or SmtpProtocolException or TimeoutRejectedException or BrokenCircuitException)
        {
            throw new ChannelDeliveryException(Channel, e.Message, transient: true, e);
        }
    }
}
