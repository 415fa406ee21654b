using Crisis.CrisisCell.OnCall;

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

/// <summary>One way to reach a recipient. Webhooks have a URL (and a secret for the generic one); e-mail an address.</summary>
public sealed record ContactEndpoint(string Id, DeliveryChannel Channel, Uri? Url, string? Secret, string? Address);

/// <summary>An organisation's on-call set-up: who is on call, how the chain escalates, and how each person is reached.</summary>
public sealed record OnCallConfiguration(
    OnCallRoster Roster, EscalationPolicy Policy, IReadOnlyDictionary<string, IReadOnlyList<ContactEndpoint>> Contacts)
{
    public IReadOnlyList<ContactEndpoint> ContactsOf(string recipient) =>
        Contacts.TryGetValue(recipient, out var endpoints) ? endpoints : [];

    public ContactEndpoint? Endpoint(string recipient, string endpointId) =>
        ContactsOf(recipient).FirstOrDefault(e => e.Id == endpointId);
}
