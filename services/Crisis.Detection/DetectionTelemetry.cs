using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Crisis.Detection;

/// <summary>
/// The detection service's one ActivitySource and Meter. Static, because the daemon's subscriptions are built with
/// the store options, before any container exists; OpenTelemetry listens to them by name all the same.
/// </summary>
public static class DetectionTelemetry
{
    public const string Name = "Crisis.Detection";
    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>
    /// Detection latency: from the arrival (commit) of the newest mention batch of a daemon page to the decisions
    /// that page produced. It measures the pipeline (daemon pick-up, bucketing, detector), not the allowed
    /// lateness a bucket waits for on event time before it is decided.
    /// </summary>
    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>(
        "crisis.detection.latency", "s", "From the arrival of the mentions to the buzz decisions they led to",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });

    public static void Decided(TimeSpan latency, bool paged) =>
        Latency.Record(Math.Max(0, latency.TotalSeconds), new KeyValuePair<string, object?>("paged", paged));
}
