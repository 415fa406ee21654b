using Crisis.Detection.Detecting;

namespace Crisis.Detection.Monitoring;

/// <summary>How the live monitor turns mention streams into buckets. Bound from <c>Detection</c>.</summary>
public sealed record MonitorOptions
{
    public const string Section = "Detection";

    /// <summary>The detector's own options (bucket size, thresholds…); the defaults serve every brand.</summary>
    public DetectorOptions Detector { get; init; } = new();

    /// <summary>
    /// How long after a bucket ends (in event time, measured by the latest publication time seen) mentions of it
    /// are still counted. Later ones are set aside. Default 2 minutes: connectors deliver within seconds, and
    /// every minute waited delays the page by a minute.
    /// </summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How far behind the latest publication time across all brands a brand's mentions may arrive before the brand is taken
    /// to be catching up on a backlog (a connector's backfill, an import): while its mentions keep coming that far behind,
    /// its buckets close on its own clock, so its history is detected instead of set aside as late. Default 30 minutes.
    /// </summary>
    public TimeSpan BacklogLag { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Closed buckets kept per brand for evidence. Default 15 (the detection window at 1-minute buckets).</summary>
    public int EvidenceBuckets { get; init; } = 15;
}
