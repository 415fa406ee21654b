using Crisis.CrisisCell.Desk.Answering;
using Crisis.CrisisCell.Desk.Configuring;
using Crisis.CrisisCell.Notifying.Channels;
using Crisis.CrisisCell.Notifying.Configuring;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;

namespace Crisis.CrisisCell.Desk.HandingOver;

/// <summary>
/// Delivers a case to the organisation's customer service the way it chose (docs/response-desk.md, "Hand over"): its signed
/// webhook, or an e-mail through the notification channels' SMTP relay. Only a delivered case is recorded as handed over.
/// </summary>
public sealed class CustomerService(SignedWebhook webhook, SmtpRelay relay, IOptions<NotificationSettings> notifications, IOptions<DeskOptions> options)
{
    /// <summary>False when the organisation configured neither: nothing can be sent.</summary>
    public bool Serves(string organisationId) => options.Value.For(organisationId) is { HandoverWebhook: not null } or { HandoverEmail: not null };

    public async Task<CaseDelivery> DeliverAsync(HandoverCase handover, CancellationToken ct)
    {
        var organisation = options.Value.For(handover.OrganisationId);
        if (organisation.HandoverWebhook is { } target)
        {
            var reply = await webhook.PostAsync(target, handover.HandoverId, handover, ct);
            return reply.Delivered
                ? new CaseDelivery(true, WebhookAnswerPublisher.StringOf(reply.Body, "caseReference", 200), null)
                : new CaseDelivery(false, null, reply.Failure ?? "not delivered");
        }
        if (organisation.HandoverEmail is not { } email) return new CaseDelivery(false, null, "no customer-service endpoint is configured");
        try
        {
            using var mail = HandoverMail.Build(handover, relay.From, email.To, notifications.Value.PublicBaseUrl);
            await relay.SendAsync(mail, ct);
            // A mailbox answers nothing: the case goes by its Message-ID, which is what a reply from customer service quotes.
            return new CaseDelivery(true, mail.MessageId, null);
        }
        catch (SmtpCommandException e)
        {
            return new CaseDelivery(false, null, $"the mail relay refused the case ({(int)e.StatusCode} {e.StatusCode})");
        }
        catch (Exception e) when (SmtpRelay.IsSendFailure(e))
        {
            return new CaseDelivery(false, null, $"the mail relay could not be reached ({e.GetType().Name})");
        }
    }
}
