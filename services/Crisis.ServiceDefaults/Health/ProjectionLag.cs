using Crisis.ServiceDefaults.EventSourcing;
using Npgsql;

namespace Crisis.ServiceDefaults.Health;

/// <summary>
/// How far one projection or subscription shard is behind: events appended after its progress, and since when
/// the oldest of them waits (null when caught up).
/// </summary>
public sealed record ShardLag(string Shard, long Position, long HighWaterMark, DateTimeOffset? OldestPendingAt)
{
    public long Events => Math.Max(0, HighWaterMark - Position);

    public TimeSpan AgeAt(DateTimeOffset now) => OldestPendingAt is { } at && Events > 0 ? now - at : TimeSpan.Zero;
}

/// <summary>Reads every shard's lag; a fake stands in for it in the health check's specs.</summary>
public interface IProjectionLagSource
{
    Task<IReadOnlyList<ShardLag>> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Lag from the store itself: the highest event sequence minus each shard's progress in Marten's
/// <c>mt_event_progression</c> table (shards are named <c>projection:All</c>; the daemon's own rows, <c>HighWaterMark</c> and the like, are not shards). Read from the
/// database, not from the local daemon, so every node reports the same figures whichever node holds the daemon.
/// </summary>
public sealed class MartenProjectionLag(NpgsqlDataSource dataSource, EventStoreSettings settings) : IProjectionLagSource
{
    public async Task<IReadOnlyList<ShardLag>> ReadAsync(CancellationToken cancellationToken)
    {
        var schema = settings.Schema;
        await using var command = dataSource.CreateCommand(
            $"""
            WITH high AS (SELECT coalesce(max(seq_id), 0) AS seq FROM {schema}.mt_events)
            SELECT p.name, p.last_seq_id, high.seq,
                   (SELECT e.timestamp FROM {schema}.mt_events e WHERE e.seq_id > p.last_seq_id ORDER BY e.seq_id LIMIT 1)
            FROM {schema}.mt_event_progression p, high
            WHERE p.name LIKE '%:%'
            ORDER BY p.name
            """);
        var lags = new List<ShardLag>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lags.Add(new ShardLag(
                reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return lags;
    }
}
