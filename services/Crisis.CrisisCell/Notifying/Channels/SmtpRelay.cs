using Crisis.CrisisCell.Notifying.Configuring;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Crisis.CrisisCell.Notifying.Channels;

/// <summary>
/// The configured SMTP relay (<c>Notifications:Smtp</c>) with MailKit, one connection per message, retried through the
/// relay's resilience pipeline: the one way Crisis sends e-mail, for pages and for the desk's handovers alike.
/// </summary>
public sealed class SmtpRelay(IOptions<NotificationSettings> settings, ChannelPipelines pipelines)
{
    /// <summary>The sender every mail carries.</summary>
    public string From => settings.Value.Smtp.From;

    /// <summary>Sends the mail or throws; <see cref="IsSendFailure"/> tells which exceptions mean "not sent".</summary>
    public Task SendAsync(MimeMessage mail, CancellationToken ct)
    {
        var smtp = settings.Value.Smtp;
        return pipelines.Smtp.ExecuteAsync(async token =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, token);
            if (smtp.UserName is { Length: > 0 } user) await client.AuthenticateAsync(user, smtp.Password ?? "", token);
            await client.SendAsync(mail, token);
            await client.DisconnectAsync(quit: true, token);
        }, ct).AsTask();
    }

    /// <summary>The relay refused, could not be reached, or kept failing until the retries or the breaker gave up.</summary>
    public static bool IsSendFailure(Exception e) =>
        e is SmtpCommandException or IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException
            or SmtpProtocolException or TimeoutRejectedException or BrokenCircuitException;
}
