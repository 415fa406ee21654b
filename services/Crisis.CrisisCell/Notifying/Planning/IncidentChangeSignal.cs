using System.Threading.Channels;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Notifying.Delivering;
using Marten;
using Marten.Services;

namespace Crisis.CrisisCell.Notifying.Planning;

/// <summary>
/// Tells the planner, right after a commit on this node, which incidents changed, so a new or escalated incident is
/// planned at once instead of at the next periodic round. Every writer of incident streams (the buzz consumer, the
/// HTTP commands, the deadline timer) runs on a crisis-cell node, which is where this listener is registered.
/// Delivery claims and outcomes are left out: they never make a notification due, and the planner writes suppressions itself.
/// </summary>
public sealed class IncidentChangeSignal : DocumentSessionListenerBase
{
    private readonly Channel<string> changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<string> Changed => changed.Reader;

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents())
        {
            if (e.Data is IncidentEvent incidentEvent and not (NotificationSent or NotificationFailed or NotificationSuppressed or NotificationDispatching))
                changed.Writer.TryWrite(incidentEvent.IncidentId);
        }
        return Task.CompletedTask;
    }

    /// <summary>Plan this incident again soon (a planning attempt lost a race with another writer).</summary>
    public void Retry(string incidentId) => changed.Writer.TryWrite(incidentId);
}
