using System.ComponentModel.DataAnnotations;

namespace Crisis.CrisisCell.Notifying.Configuring;

/// <summary>
/// The <c>Notifications</c> configuration section: where each organisation's on-call file lives, how often the
/// paging timeouts are looked at, the public address acknowledgement links point at, the SMTP relay and channel resilience.
/// </summary>
public sealed class NotificationSettings : IValidatableObject
{
    public const string Section = "Notifications";

    /// <summary>Per organisation id: path of its on-call JSON (roster, escalation policy, contacts). Others are never notified.</summary>
    public Dictionary<string, string> OnCallFiles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often each crisis-cell node looks for paging timeouts that are due: how late a level 2 may be at most.</summary>
    public int TimeoutPollMilliseconds { get; set; } = 1000;

    /// <summary>Where responders reach the API: acknowledgement links are built on it.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:8080");

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Retries of one send inside the channel (transient failures), before the bus's own redelivery.</summary>
    public int ChannelRetries { get; set; } = 3;

    public int ChannelRetryDelayMilliseconds { get; set; } = 500;

    public int ChannelTimeoutSeconds { get; set; } = 10;

    public TimeSpan TimeoutPollInterval => TimeSpan.FromMilliseconds(TimeoutPollMilliseconds);

    /// <summary>Checked when the host starts, on-call files included: a broken file stops it naming the file's field, not the first page.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeoutPollMilliseconds < 10)
            yield return new($"{Section}:TimeoutPollMilliseconds must be at least 10", [nameof(TimeoutPollMilliseconds)]);
        if (!PublicBaseUrl.IsAbsoluteUri)
            yield return new($"{Section}:PublicBaseUrl must be an absolute URL", [nameof(PublicBaseUrl)]);
        if (ChannelRetries < 0 || ChannelRetryDelayMilliseconds < 1 || ChannelTimeoutSeconds < 1)
            yield return new($"{Section}: ChannelRetries must not be negative, ChannelRetryDelayMilliseconds and ChannelTimeoutSeconds must be positive",
                [nameof(ChannelRetries), nameof(ChannelRetryDelayMilliseconds), nameof(ChannelTimeoutSeconds)]);
        foreach (var (organisationId, path) in OnCallFiles)
        {
            var problem = OnCallDirectory.ProblemOf(organisationId, path);
            if (problem is not null) yield return new(problem, [nameof(OnCallFiles)]);
        }
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
