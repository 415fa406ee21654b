using System.Globalization;
using Crisis.CrisisCell.Desk.Configuring;
using Crisis.CrisisCell.Notifying.Channels;
using Crisis.CrisisCell.Notifying.Configuring;
using Crisis.CrisisCell.OnCall.Planning;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crisis.CrisisCell.Desk.KeepingServiceLevels;

/// <summary>
/// Warns the people concerned by a round's breaches through the notification channels paging uses (webhook, Slack,
/// Teams, e-mail; each with its retries) and the organisation's on-call file: the conversation's owner (its last
/// claimant, when the file has contacts under that name) and whoever is on call at the first escalation level now.
/// Noise control: a breach is recorded once per wait, each person gets one message per round however many of their
/// conversations breached in it, and at most one per <see cref="DeskOptions.ServiceLevelWarningMinutes"/> (<see cref="WarningGate"/>).
/// </summary>
public sealed partial class BreachWarnings(
    OnCallDirectory directory, IEnumerable<INotificationChannel> channels, IOptions<NotificationSettings> settings, IOptions<DeskOptions> desk,
    IDocumentStore store, ILogger<BreachWarnings> logger)
{
    private readonly WarningGate gate = new();

    /// <summary>How many conversations one warning names; the rest are counted.</summary>
    public const int Named = 10;

    public async Task SendAsync(IReadOnlyList<Breach> breaches, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var organisation in breaches.GroupBy(b => b.OrganisationId, StringComparer.Ordinal))
        {
            if (directory.For(organisation.Key) is not { } onCall)
            {
                LogNobody(logger, organisation.Key, organisation.Count());
                continue;
            }
            var leads = OnCallLeads(onCall, now);
            var byRecipient = organisation
                .SelectMany(b => (b.Owner is null ? leads : leads.Append(b.Owner)).Distinct(StringComparer.Ordinal).Select(r => (Recipient: r, Breach: b)))
                .GroupBy(x => x.Recipient, x => x.Breach, StringComparer.Ordinal);
            foreach (var recipient in byRecipient)
                await WarnAsync(onCall, recipient.Key, [.. recipient.OrderBy(b => b.WaitingSince)], now, ct);
        }
    }

    /// <summary>Who is on call at the lowest escalation level now: the people who would be paged first.</summary>
    internal static IReadOnlyList<string> OnCallLeads(OnCallConfiguration onCall, DateTimeOffset now) =>
        onCall.Policy.Levels.OrderBy(l => l.Level).FirstOrDefault() is { } first
            ? [.. first.RotationIds.Select(id => onCall.Roster.Rotation(id)?.OnCallAt(now)?.Id).OfType<string>().Distinct(StringComparer.Ordinal)]
            : [];

    private async Task WarnAsync(OnCallConfiguration onCall, string recipient, IReadOnlyList<Breach> breaches, DateTimeOffset now, CancellationToken ct)
    {
        var first = breaches[0];
        var interval = TimeSpan.FromMinutes(desk.Value.ServiceLevelWarningMinutes);
        if (gate.Pass(first.OrganisationId, recipient, breaches.Count, now, interval) is not { } held)
        {
            LogHeld(logger, recipient, breaches.Count, desk.Value.ServiceLevelWarningMinutes);
            return;
        }
        var brands = breaches.Select(b => b.BrandId).Distinct(StringComparer.Ordinal).ToList();
        string? brandName = null;
        if (brands.Count == 1)
        {
            await using var query = store.QuerySession();
            brandName = (await query.LoadAsync<Crisis.Ingestion.Brands.BrandProfile>(Crisis.Ingestion.Brands.BrandStreams.KeyFor(first.BrandId), ct))?.Name;
        }
        var key = KeyFor(first.OrganisationId, recipient, breaches);
        var message = new NotificationMessage(
            first.IncidentId ?? "", key, NotificationKind.ServiceLevelBreach, 0, recipient, brands.Count == 1 ? first.BrandId : string.Join(", ", brands),
            Title(breaches, held, now), 0, "desk", null, breaches.Count + held, [], null, null,
            // Claiming is how a responder takes a waiting conversation: the warning's action.
            new Uri(settings.Value.PublicBaseUrl, $"api/desk/conversations/{Uri.EscapeDataString(first.ConversationId)}/claim"))
        { BrandName = brandName };
        if (onCall.ContactsOf(recipient).Count == 0) LogUnreachable(logger, key, recipient);
        foreach (var endpoint in onCall.ContactsOf(recipient))
        {
            if (channels.FirstOrDefault(c => c.Channel == endpoint.Channel) is not { } channel)
            {
                LogFailed(logger, key, endpoint.Id, $"no {endpoint.Channel} channel on this node");
                continue;
            }
            try
            {
                await channel.SendAsync(message with { Language = onCall.LanguageOf(endpoint) }, endpoint, ct);
                LogSent(logger, key, endpoint.Id, breaches.Count);
            }
            catch (ChannelDeliveryException e)
            {
                // The breaches stay recorded on the conversations (and the queue shows them); only this warning is lost.
                LogFailed(logger, key, endpoint.Id, e.Message);
            }
        }
    }

    /// <summary>
    /// The warning's idempotency key (X-Crisis-Idempotency-Key), from what it tells: the recipient and the waits it names.
    /// A retried send of the same warning carries the same key, and two different warnings never share one, even when
    /// rounds on one node or on several fall in the same second (a key from the round's time did, and receivers that
    /// honour the key dropped the second warning).
    /// </summary>
    internal static string KeyFor(string organisationId, string recipient, IEnumerable<Breach> breaches)
    {
        var waits = string.Join('\n', breaches
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.ConversationId}@{b.WaitingSince.UtcTicks}"))
            .Order(StringComparer.Ordinal));
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(waits)))[..20];
        return $"desk-sla/{organisationId}/{recipient}/{digest}";
    }

    /// <summary>"3 waiting: c1… (75 min), c2… (62 min), …": ids people can paste into the desk, with how long each has waited.</summary>
    internal static string Title(IReadOnlyList<Breach> breaches, int held, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{breaches.Count} waiting: ")
        + string.Join(", ", breaches.Take(Named).Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.ConversationId} ({(now - b.WaitingSince).TotalMinutes:0} min)")))
        + (breaches.Count > Named ? string.Create(CultureInfo.InvariantCulture, $", +{breaches.Count - Named}") : "")
        + (held > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {held} more since the last warning (see the queue)") : "");

    [LoggerMessage(Level = LogLevel.Warning, Message = "First-answer targets of {OrganisationId} breached ({Conversations} conversations) and nobody warned: the organisation has no on-call file")]
    private static partial void LogNobody(ILogger logger, string organisationId, int conversations);

    [LoggerMessage(Level = LogLevel.Information, Message = "First-answer warning {Key} reaches nobody: {Recipient} has no contact in the on-call file")]
    private static partial void LogUnreachable(ILogger logger, string key, string recipient);

    [LoggerMessage(Level = LogLevel.Information, Message = "First-answer warning to {Recipient} of {Conversations} conversations held back: one per {Minutes} minutes")]
    private static partial void LogHeld(ILogger logger, string recipient, int conversations, int minutes);

    [LoggerMessage(Level = LogLevel.Information, Message = "First-answer warning {Key} sent through {Endpoint} ({Conversations} conversations)")]
    private static partial void LogSent(ILogger logger, string key, string endpoint, int conversations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "First-answer warning {Key} through {Endpoint} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string key, string endpoint, string reason);
}
