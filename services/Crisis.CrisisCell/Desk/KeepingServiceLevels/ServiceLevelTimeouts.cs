using Crisis.CrisisCell.Timing;
using Marten;

namespace Crisis.CrisisCell.Desk.KeepingServiceLevels;

/// <summary>
/// The desk's durable timeouts (<see cref="TimeoutTable"/>, as paging's): one row per conversation and time at which its
/// wait breaches the first-answer target. Written by the intake in the session that puts the conversation in the queue,
/// removed by the node that fires it; a row outlives any node, and fires once.
/// </summary>
public static class ServiceLevelTimeouts
{
    public static readonly TimeoutTable Table = new("desk_sla_timeouts", "conversation_id");

    public static void Configure(StoreOptions options) => Table.Configure(options);

    /// <summary>Checks the conversation at <paramref name="dueAt"/>: written when the session saves; the same row twice is one.</summary>
    public static void Schedule(IDocumentSession session, string conversationId, DateTimeOffset dueAt) => Table.Schedule(session, conversationId, dueAt);
}
