using System.ComponentModel.DataAnnotations;

namespace Crisis.CrisisCell.Desk.Configuring;

/// <summary>The <c>Desk</c> configuration section: how the response desk takes, leases and sends out work.</summary>
public sealed class DeskOptions
{
    public const string Section = "Desk";

    /// <summary>How long a claim holds when the responder does not say: long enough to write an answer, short enough to come back.</summary>
    [Range(1, 120)]
    public int ClaimMinutes { get; set; } = 10;

    /// <summary>Authors with at least this many followers are taken whatever they say.</summary>
    [Range(1, long.MaxValue)]
    public long HighReachFollowers { get; set; } = 10_000;

    /// <summary>
    /// How often each crisis-cell node fires the first-answer timeouts that are due. Breaches fired in one round go to each
    /// person as one grouped warning, so this is both how late a warning may be and how breaches are grouped.
    /// </summary>
    [Range(100, 600_000)]
    public int ServiceLevelPollMilliseconds { get; set; } = 30_000;

    /// <summary>
    /// Each person gets at most one first-answer warning per this many minutes from each node; the breaches held back in
    /// between are counted in the next one (0: a warning every round that has breaches).
    /// </summary>
    [Range(0, 1440)]
    public int ServiceLevelWarningMinutes { get; set; } = 15;

    /// <summary>Per organisation id: where its answers and handovers go, and its first-answer targets.</summary>
    public Dictionary<string, DeskOrganisationOptions> Organisations { get; set; } = new(StringComparer.Ordinal);

    public DeskOrganisationOptions For(string organisationId) =>
        Organisations.TryGetValue(organisationId, out var options) ? options : DeskOrganisationOptions.Unconfigured;
}

public sealed class DeskOrganisationOptions
{
    public static readonly DeskOrganisationOptions Unconfigured = new();

    /// <summary>The organisation's own tooling that publishes answers (signed webhook, docs/response-desk.md).</summary>
    public SignedWebhookOptions? AnswerWebhook { get; set; }

    /// <summary>Customer service's case intake, when it takes cases by webhook.</summary>
    public SignedWebhookOptions? HandoverWebhook { get; set; }

    /// <summary>Customer service's mailbox, when it takes cases by e-mail (through <c>Notifications:Smtp</c>); not with a webhook.</summary>
    public HandoverEmailOptions? HandoverEmail { get; set; }

    /// <summary>How long someone may wait for an answer before the owner and the on-call lead are warned.</summary>
    [Range(1, 10_080)]
    public int FirstAnswerMinutes { get; set; } = 60;

    /// <summary>The same, for a conversation that came from an open incident's cascade.</summary>
    [Range(1, 10_080)]
    public int IncidentFirstAnswerMinutes { get; set; } = 15;
}

public sealed class SignedWebhookOptions
{
    [Required]
    public Uri? Url { get; set; }

    /// <summary>HMAC-SHA256 key of the <c>X-Crisis-Signature</c> header; at least 16 characters.</summary>
    [Required, MinLength(16)]
    public string Secret { get; set; } = "";
}

public sealed class HandoverEmailOptions
{
    /// <summary>One address or a comma-separated list, e.g. <c>care@acme.example</c>.</summary>
    [Required]
    public string To { get; set; } = "";

    /// <summary>Every entry a mailbox with an address at a domain; nothing else reaches the relay.</summary>
    public bool IsValid() =>
        MimeKit.InternetAddressList.TryParse(To, out var list) && list.Count > 0
        && list.All(a => a is MimeKit.MailboxAddress { Address: var address } && address.IndexOf('@', StringComparison.Ordinal) is > 0 && !address.EndsWith('@'));
}
