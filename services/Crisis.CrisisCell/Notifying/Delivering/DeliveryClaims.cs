using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Crisis.CrisisCell.Notifying.Delivering;

/// <summary>
/// One row per delivery key being sent: two deliveries of the same key at once (several nodes planning, a
/// redelivery) both read "not sent yet" from the incident, so only the one that claims the key sends. A claim
/// older than <see cref="Lease"/> can be taken over, so a node that died between its claim and its send does not
/// keep the notification from going out: the delivery that finds the key claimed waits for the holder's outcome or
/// for the lease to run out (see <see cref="DeliverNotificationHandler"/>).
/// </summary>
public sealed class DeliveryClaims(NpgsqlDataSource dataSource, IDocumentStore store, TimeProvider clock)
{
    public const string TableName = "notification_claims";
    /// <summary>Longer than a send with its channel retries; a node that died holding a claim delays the key by this much.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public static Table Define(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("delivery_key").AsPrimaryKey();
        table.AddColumn("claimed_at", "timestamptz").NotNull();
        return table;
    }

    /// <summary>True when this caller may send: the key was free, or its claim's lease ran out.</summary>
    public async Task<bool> TryClaimAsync(string deliveryKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO {store.Options.DatabaseSchemaName}.{TableName} AS c (delivery_key, claimed_at) VALUES (@key, @now)
            ON CONFLICT (delivery_key) DO UPDATE SET claimed_at = excluded.claimed_at WHERE c.claimed_at < @expired
            RETURNING delivery_key
            """);
        command.Parameters.AddWithValue("key", deliveryKey);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("expired", now - Lease);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>Gives the key back after a failed send, so the bus's retry of this delivery may claim it again.</summary>
    public async Task ReleaseAsync(string deliveryKey)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {store.Options.DatabaseSchemaName}.{TableName} WHERE delivery_key = @key");
        command.Parameters.AddWithValue("key", deliveryKey);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
