using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Crisis.Ingestion;

/// <summary>The ingestion service's one ActivitySource and Meter.</summary>
public sealed class IngestionTelemetry : IDisposable
{
    public const string Name = "Crisis.Ingestion";
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter meter;
    private readonly Counter<long> mentions;
    private readonly Histogram<double> batchDuration;

    public IngestionTelemetry(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(Name);
        mentions = meter.CreateCounter<long>("crisis.ingestion.mentions", "{mention}", "Mentions received, by outcome");
        batchDuration = meter.CreateHistogram<double>("crisis.ingestion.batch.duration", "s", "Time to validate, score and commit one batch",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public void Recorded(int accepted, int duplicate, int rejected, TimeSpan duration)
    {
        mentions.Add(accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        mentions.Add(duplicate, new KeyValuePair<string, object?>("outcome", "duplicate"));
        mentions.Add(rejected, new KeyValuePair<string, object?>("outcome", "rejected"));
        batchDuration.Record(duration.TotalSeconds);
    }

    public void Dispose() => meter.Dispose();
}
