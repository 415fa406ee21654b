using JasperFx;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crisis.ServiceDefaults.EventSourcing;

/// <summary>
/// Restarts a projection or subscription shard that the daemon stopped for good because its progress moved under it
/// (<c>ProgressionProgressOutOfOrderException</c>), once this node holds the daemon's lock.
/// </summary>
/// <remarks>
/// Seen in the chaos soak after a 30-second PostgreSQL outage: the outage ends every advisory-lock session, for a few
/// seconds both detection nodes believe they lead, both apply the same shard, and the loser of the progress update
/// stops the shard. When the loser is the node that keeps the lock, Marten's coordinator never starts that shard again
/// (it restarts missing and paused agents, not stopped ones): the projection stays behind until the node restarts.
/// Starting it again is safe: it resumes from the committed progress, and a node that does not hold the lock leaves it
/// stopped. A shard stopped because its lock was lost, or by an operator, carries no such failure and is not touched.
/// </remarks>
public sealed partial class StoppedShardRecovery(IProjectionCoordinator coordinator, TimeProvider clock, ILogger<StoppedShardRecovery> logger)
    : BackgroundService
{
    /// <summary>How often stopped shards are looked for; also how long one stays stopped before it is restarted.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, DateTimeOffset> stoppedSince = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RestartStoppedShardsAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // PostgreSQL away or the daemon between leaders: the next round looks again.
                    LogRoundFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }

    private async Task RestartStoppedShardsAsync(CancellationToken cancellationToken)
    {
        if (coordinator is not ProjectionCoordinatorBase { Distributor: { } distributor }) return;
        var daemon = coordinator.DaemonForMainDatabase();
        var stopped = daemon.CurrentAgents()
            .Where(a => a.Status == AgentStatus.Stopped && a.Failure?.Category == ShardFailureCategory.ProgressionOutOfOrder)
            .Select(a => a.Name)
            .ToList();
        foreach (var gone in stoppedSince.Keys.Except(stopped.Select(n => n.Identity)).ToList()) stoppedSince.Remove(gone);
        if (stopped.Count == 0) return;

        var now = clock.GetUtcNow();
        var sets = await distributor.BuildDistributionAsync();
        foreach (var name in stopped)
        {
            // Left one round first: the other node may still be finishing its page, and would stop this one again.
            if (!stoppedSince.TryGetValue(name.Identity, out var since))
            {
                stoppedSince[name.Identity] = now;
                continue;
            }
            if (now - since < Period) continue;
            var set = sets.FirstOrDefault(s => s.Names.Contains(name));
            if (set is null || !distributor.HasLock(set)) continue;
            LogRestarting(logger, name.Identity, (now - since).TotalSeconds);
            await daemon.StartAgentAsync(name.Identity, cancellationToken);
            stoppedSince.Remove(name.Identity);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Restarting shard {Shard}, stopped {Seconds:0} s ago because its progress moved under it (two nodes ran it at once, as after a PostgreSQL outage); it resumes from its committed progress")]
    private static partial void LogRestarting(ILogger logger, string shard, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Looking for stopped shards failed; the next round looks again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
