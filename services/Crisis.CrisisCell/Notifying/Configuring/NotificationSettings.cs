using Microsoft.Extensions.Configuration;

namespace Crisis.CrisisCell.Notifying.Configuring;

/// <summary>
/// The <c>Notifications</c> configuration section: where each organisation's on-call file lives, how often the
/// planner runs, the public address acknowledgement links point at, the SMTP relay and channel resilience.
/// </summary>
public sealed class NotificationSettings
{
    public const string Section = "Notifications";

    /// <summary>Per organisation id: path of its on-call JSON (roster, escalation policy, contacts). Others are never notified.</summary>
    public Dictionary<string, string> OnCallFiles { get; set; } = new(StringComparer.Ordinal);

    public int PlanningIntervalSeconds { get; set; } = 15;

    /// <summary>Where responders reach the API: acknowledgement links are built on it.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:8080");

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Retries of one send inside the channel (transient failures), before the bus's own redelivery.</summary>
    public int ChannelRetries { get; set; } = 3;

    public int ChannelRetryDelayMilliseconds { get; set; } = 500;

    public int ChannelTimeoutSeconds { get; set; } = 10;

    public TimeSpan PlanningInterval => TimeSpan.FromSeconds(PlanningIntervalSeconds);

    /// <summary>
    /// How long a delivery's claim holds: the longest a channel can take with all its retries (every attempt timing
    /// out, the longest back-off between them; e-mail allows three times the timeout), and a margin. Another copy of
    /// the delivery waits that long for the claimant's outcome before deciding the claimant died and sending itself.
    /// </summary>
    public TimeSpan DeliveryClaimLease =>
        TimeSpan.FromSeconds(ChannelTimeoutSeconds * 3) * (ChannelRetries + 1) + TimeSpan.FromSeconds(10) * ChannelRetries + TimeSpan.FromSeconds(5);

    public static NotificationSettings Read(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<NotificationSettings>() ?? new NotificationSettings();
        if (settings.PlanningIntervalSeconds < 1)
            throw new InvalidOperationException($"{Section}:PlanningIntervalSeconds must be at least 1");
        if (!settings.PublicBaseUrl.IsAbsoluteUri)
            throw new InvalidOperationException($"{Section}:PublicBaseUrl must be an absolute URL");
        if (settings.ChannelRetries < 0 || settings.ChannelRetryDelayMilliseconds < 1 || settings.ChannelTimeoutSeconds < 1)
            throw new InvalidOperationException($"{Section}: ChannelRetries must not be negative, ChannelRetryDelayMilliseconds and ChannelTimeoutSeconds must be positive");
        return settings;
    }
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public string From { get; set; } = "crisis@localhost";
    /// <summary>STARTTLS when the relay offers it; false only for a loopback relay in tests.</summary>
    public bool UseStartTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
