using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Crisis.CrisisCell.Timing;

/// <summary>
/// A durable timeout table of the crisis cell: one row per key (an incident, a conversation) and time at which something
/// comes due by time alone. RabbitMQ 3.10 as Debian ships it has no delayed-message exchange, so MassTransit cannot
/// schedule on the broker; such a table is the schedule instead. A row is written in the session that decides it is
/// needed and taken by the node that fires it, in the transaction that acts on it, so it outlives any node and fires once.
/// </summary>
public sealed class TimeoutTable(string name, string keyColumn)
{
    public string Name { get; } = name;

    public void Configure(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>(keyColumn).AsPrimaryKey();
        table.AddColumn("due_at", "timestamptz").AsPrimaryKey();
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_due_at") { Columns = ["due_at"] });
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>A row due at <paramref name="dueAt"/>, written when the session saves; the same row twice is one.</summary>
    public void Schedule(IDocumentSession session, string key, DateTimeOffset dueAt) =>
        session.QueueSqlCommand(
            $"insert into {session.DocumentStore.Options.DatabaseSchemaName}.{Name} ({keyColumn}, due_at) values (?, ?) on conflict do nothing",
            key, dueAt.ToUniversalTime());

    /// <summary>
    /// Deletes up to <paramref name="limit"/> rows due by <paramref name="now"/> that no other node holds
    /// (<c>FOR UPDATE SKIP LOCKED</c>) and answers their keys; the rows are gone only if the transaction commits.
    /// </summary>
    public async Task<IReadOnlySet<string>> TakeDueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, DateTimeOffset now, int limit, CancellationToken ct)
    {
        var table = $"{schema}.{Name}";
        var due = new HashSet<string>(StringComparer.Ordinal);
        await using var take = new NpgsqlCommand(
            $"""
             delete from {table} t using (
               select {keyColumn}, due_at from {table} where due_at <= $1 order by due_at limit {limit} for update skip locked) d
             where t.{keyColumn} = d.{keyColumn} and t.due_at = d.due_at
             returning t.{keyColumn}
             """, connection, transaction);
        take.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        await using var reader = await take.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) due.Add(reader.GetString(0));
        return due;
    }
}
