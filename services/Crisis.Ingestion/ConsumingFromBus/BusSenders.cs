namespace Crisis.Ingestion.ConsumingFromBus;

/// <summary>
/// Which organisation each connector on the bus speaks for (<c>Ingestion:Bus</c>). A connector publishes with the AMQP
/// <c>user-id</c> property set to the RabbitMQ user it connects as; RabbitMQ refuses a message whose user-id is not the
/// connection's own user, so the property cannot be forged. A mapped connector may only send mentions of its
/// organisation's brands, as the HTTP intake checks for an API key.
/// </summary>
public sealed class BusSenderSettings
{
    public const string Section = "Ingestion:Bus";

    /// <summary>RabbitMQ user name → organisation id.</summary>
    public Dictionary<string, string> Organisations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Refuse messages from senders not in <see cref="Organisations"/> (or without a user-id). Off by default: a
    /// single-organisation deployment trusts whoever holds the broker's credentials, as it trusts the CLI's.
    /// </summary>
    public bool RequireSender { get; set; }
}

/// <summary>Who a bus message speaks for: an organisation, anyone (a trusted sender), or nobody (refused, with why).</summary>
public readonly record struct BusSender(string? Organisation, string? Refusal)
{
    public static BusSender Resolve(string? userId, BusSenderSettings settings)
    {
        if (userId is not null && settings.Organisations.TryGetValue(userId, out var organisation)) return new(organisation, null);
        if (!settings.RequireSender) return new(null, null);
        return new(null, userId is null
            ? "the message names no sender: publish with the AMQP user-id property set to your RabbitMQ user"
            : $"RabbitMQ user '{userId}' is not a connector of any organisation (Ingestion:Bus:Organisations)");
    }
}
