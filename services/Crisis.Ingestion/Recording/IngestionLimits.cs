namespace Crisis.Ingestion.Recording;

/// <summary>Limits that protect the store and the service. Bound from the <c>Ingestion</c> configuration section.</summary>
public sealed class IngestionLimits
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
}
