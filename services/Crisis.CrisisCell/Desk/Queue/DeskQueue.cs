using Marten;

namespace Crisis.CrisisCell.Desk.Queue;

/// <summary>What the queue is narrowed to; null fields do not narrow.</summary>
public sealed record QueueFilter(string? BrandId, string? IncidentId, string? Language, string? Platform, ConversationStatus Status, ClaimFilter Claim);

/// <summary>The queue's read: one organisation's conversations, filtered, waiting ones by priority (the benchmark measures this).</summary>
public static class DeskQueue
{
    public static async Task<IReadOnlyList<DeskConversation>> PageAsync(
        IQuerySession session, string organisation, string actor, QueueFilter filter, DateTimeOffset now, int skip, int take, CancellationToken ct)
    {
        var query = session.Query<DeskConversation>().Where(c => c.OrganisationId == organisation && c.Status == filter.Status);
        if (filter.BrandId is { } brandId) query = query.Where(c => c.BrandId == brandId);
        if (filter.IncidentId is { } incidentId) query = query.Where(c => c.IncidentId == incidentId);
        if (filter.Language is { } language) query = query.Where(c => c.Language == language);
        if (filter.Platform is { } platform) query = query.Where(c => c.Platform == platform);
        query = filter.Claim switch
        {
            ClaimFilter.Unclaimed => query.Where(c => c.LeaseUntil == null || c.LeaseUntil <= now),
            ClaimFilter.Mine => query.Where(c => c.LeaseHolder == actor && c.LeaseUntil > now),
            _ => query,
        };
        // Waiting conversations by priority (highest first); the others by when they opened (newest first).
        var ordered = filter.Status == ConversationStatus.Awaiting ? query.OrderByDescending(c => c.Rank) : query.OrderByDescending(c => c.OpenedAt);
        return await ordered.Skip(skip).Take(take).ToListAsync(ct);
    }
}
