using System.ComponentModel.DataAnnotations;

namespace Crisis.Ingestion.Recording;

/// <summary>Limits that protect the store and the service. Bound from the <c>Ingestion</c> configuration section.</summary>
public sealed class IngestionLimits : IValidatableObject
{
    public const string Section = "Ingestion";

    /// <summary>Most items accepted in one HTTP request or file chunk. Default 10,000.</summary>
    public int MaxItemsPerBatch { get; set; } = 10_000;

    /// <summary>Largest HTTP body, in bytes; larger bodies get 413. Default 16 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Longest mention text, in UTF-16 characters after normalisation. Default 10,000 (long enough for a news excerpt).</summary>
    public int MaxTextLength { get; set; } = 10_000;

    /// <summary>How far in the future a publication time may be, to allow for clock skew between platforms and us. Default 5 minutes.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Earliest publication time accepted: nothing we watch existed before 2006. Default 2006-01-01Z.</summary>
    public DateTimeOffset EarliestPublishedAt { get; set; } = new(2006, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Platforms (wire names) whose upstream sentiment is trusted instead of our model, for vetted connectors. Default none.</summary>
    public IList<string> TrustUpstreamSentimentForPlatforms { get; } = [];

    /// <summary>
    /// Every setting out of range, each named: checked when the host starts (<c>ValidateOnStart</c>), so that a typo
    /// (MaxBodyBytes=-1) stops it with the reason instead of letting it refuse every request.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var problems = new List<ValidationResult>();
        void Within<T>(string name, T value, T min, T max) where T : IComparable<T>
        {
            if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0) problems.Add(new($"{Section}:{name} must be from {min} to {max}, not {value}", [name]));
        }
        Within(nameof(MaxItemsPerBatch), MaxItemsPerBatch, 1, 1_000_000);
        Within(nameof(MaxBodyBytes), MaxBodyBytes, 1024L, 1024L * 1024 * 1024);
        Within(nameof(MaxTextLength), MaxTextLength, 1, 100_000);
        Within(nameof(MaxClockSkew), MaxClockSkew, TimeSpan.Zero, TimeSpan.FromDays(1));
        Within(nameof(EarliestPublishedAt), EarliestPublishedAt, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return problems;
    }
}
