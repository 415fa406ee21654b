using Crisis.Detection.Detecting;
using Crisis.Detection.Monitoring;

namespace Crisis.Detection.Replaying;

/// <summary>A finished replay: its comparison with live, how much it read and fed, and up to which store sequence.</summary>
public sealed record ReplayRun(ReplayComparison Comparison, long Mentions, long UpToSequence);

/// <summary>
/// Replay and what-if runs over the store, for the CLI and the API: read-only (nothing appended, published or
/// paged), each run in its own in-memory monitor, bounded by live detection's checkpoint.
/// </summary>
public sealed class DetectionReplays(StoredDetectionEvents stored, MonitorOptions liveOptions)
{
    public MonitorOptions LiveOptions => liveOptions;

    /// <summary>Replays the window with the live options and compares with what live decided.</summary>
    public Task<ReplayRun> ReplayAsync(ReplayWindow window, CancellationToken cancellationToken) =>
        RunAsync(window, liveOptions, cancellationToken);

    /// <summary>Replays the window with other detector options and reports against live.</summary>
    public async Task<(ReplayRun Run, WhatIfComparison Report)> WhatIfAsync(ReplayWindow window, DetectorOptions detector, CancellationToken cancellationToken)
    {
        var run = await RunAsync(window, liveOptions with { Detector = detector.Validate() }, cancellationToken);
        return (run, WhatIfComparison.Compare(window, run.Comparison.Live, run.Comparison.Replayed));
    }

    private async Task<ReplayRun> RunAsync(ReplayWindow window, MonitorOptions options, CancellationToken cancellationToken)
    {
        // Live decisions and the checkpoint are committed together; reading the checkpoint on both sides of the live
        // events makes sure the live events read are exactly those decided up to it, while detection keeps running.
        long upTo;
        IReadOnlyList<object> live;
        do
        {
            upTo = await stored.LiveCheckpointAsync(cancellationToken);
            live = await stored.LiveAsync(window, cancellationToken);
        }
        while (await stored.LiveCheckpointAsync(cancellationToken) != upTo);
        var replay = await DetectionReplay.RunAsync(stored.ForBrandAsync(window.BrandId, upTo, cancellationToken), options, window, cancellationToken);
        return new ReplayRun(new ReplayComparison(window, live, replay.Events), replay.Mentions, upTo);
    }
}
