using Crisis.CrisisCell.OnCall;
using Crisis.ServiceDefaults.Localisation;

namespace Crisis.CrisisCell.Notifying.Configuring;

/// <summary>How a delivery reaches a person: the transport and payload shape of one contact endpoint.</summary>
public enum DeliveryChannel
{
    /// <summary>Generic JSON webhook, signed with HMAC-SHA256.</summary>
    Webhook,
    /// <summary>Slack-compatible incoming webhook (text + blocks).</summary>
    Slack,
    /// <summary>Microsoft Teams-compatible incoming webhook (MessageCard).</summary>
    Teams,
    Email,
}

/// <summary>
/// One way to reach a recipient. Webhooks have a URL (and a secret for the generic one); e-mail an address.
/// <see cref="Language"/>: what this person reads notifications in, when not the organisation's default.
/// </summary>
public sealed record ContactEndpoint(string Id, DeliveryChannel Channel, Uri? Url, string? Secret, string? Address, UiLanguage? Language = null);

/// <summary>An organisation's on-call set-up: who is on call, how the chain escalates, and how each person is reached.</summary>
public sealed record OnCallConfiguration(
    OnCallRoster Roster, EscalationPolicy Policy, IReadOnlyDictionary<string, IReadOnlyList<ContactEndpoint>> Contacts)
{
    /// <summary>The language notifications are written in when an endpoint does not say (the file's <c>language</c>; English if absent).</summary>
    public UiLanguage Language { get; init; } = UiLanguage.English;

    /// <summary>The language one endpoint's notifications are written in.</summary>
    public UiLanguage LanguageOf(ContactEndpoint endpoint) => endpoint.Language ?? Language;

    public IReadOnlyList<ContactEndpoint> ContactsOf(string recipient) =>
        Contacts.TryGetValue(recipient, out var endpoints) ? endpoints : [];

    public ContactEndpoint? Endpoint(string recipient, string endpointId) =>
        ContactsOf(recipient).FirstOrDefault(e => e.Id == endpointId);
}
