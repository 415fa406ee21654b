using OpenTelemetry.Trace;

namespace Crisis.ServiceDefaults.Telemetry;

/// <summary>
/// Drops the root span Marten's async daemon starts each time it polls for the store's high-water mark (about once a
/// second per node, whether anything happened or not): it drowns the traces that matter in a collector, and the lag
/// it would show is exposed as metrics already (<c>crisis_projection_lag</c>). Every other root span is recorded.
/// Used as the root sampler of a parent-based sampler, so spans within a recorded trace are never dropped here.
/// </summary>
public sealed class DaemonPollingSampler : Sampler
{
    public const string PollingSpan = "marten.daemon.highwatermark";

    public DaemonPollingSampler() => Description = "DropMartenDaemonPolling";

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(samplingParameters.Name == PollingSpan ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
}
