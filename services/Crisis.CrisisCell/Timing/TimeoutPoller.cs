using Microsoft.Extensions.Hosting;

namespace Crisis.CrisisCell.Timing;

/// <summary>
/// Fires a <see cref="TimeoutTable"/>'s due rows every <see cref="Interval"/> on every crisis-cell node. A failed round
/// leaves its rows where they are: the next round fires them.
/// </summary>
public abstract class TimeoutPoller(TimeProvider clock) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    internal abstract Task FireDueAsync(CancellationToken ct);

    protected abstract void LogRoundFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FireDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(e);
            }
        }
    }
}
