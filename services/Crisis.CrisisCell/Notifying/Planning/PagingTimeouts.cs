using Crisis.CrisisCell.Notifying.Configuring;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Crisis.CrisisCell.Notifying.Planning;

/// <summary>
/// The crisis cell's durable timeouts: one row per incident and time at which something comes due by time alone (the
/// next level of an unacknowledged incident, a quiet re-notification, a grouped notice, the end of a maintenance window,
/// a rotation handing over, room under the frequency cap). RabbitMQ 3.10 as Debian ships it has no delayed-message
/// exchange, so MassTransit cannot schedule on the broker; this table is the schedule instead. A row is written by the
/// planner in the session that records its plan, and removed by the node that fires it, in the transaction that plans
/// the incident again, so a timeout survives any node's death and fires once per row.
/// </summary>
public static class PagingTimeouts
{
    public const string Table = "paging_timeouts";

    public static void Configure(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("incident_id").AsPrimaryKey();
        table.AddColumn("due_at", "timestamptz").AsPrimaryKey();
        table.Indexes.Add(new IndexDefinition($"ix_{Table}_due_at") { Columns = ["due_at"] });
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>Plans the incident again at <paramref name="dueAt"/>: written when the session saves. Several rows per incident are fine.</summary>
    public static void Schedule(IDocumentSession session, string incidentId, DateTimeOffset dueAt) =>
        session.QueueSqlCommand(
            $"insert into {session.DocumentStore.Options.DatabaseSchemaName}.{Table} (incident_id, due_at) values (?, ?) on conflict do nothing",
            incidentId, dueAt.ToUniversalTime());
}

/// <summary>
/// Fires the timeouts that are due, on every crisis-cell node: each round takes the due rows no other node holds
/// (<c>FOR UPDATE SKIP LOCKED</c>), plans their incidents, and deletes them when the transaction commits; a node that
/// dies mid-round leaves its rows to the next.
/// </summary>
public sealed partial class PagingTimeoutService(
    NpgsqlDataSource database, IDocumentStore store, PagingPlanning planning, NotificationSettings settings, TimeProvider clock,
    ILogger<PagingTimeoutService> logger) : BackgroundService
{
    private const int RowsPerRound = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.TimeoutPollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FireDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The rows stay where they are: the next round fires them.
                LogRoundFailed(logger, e);
            }
        }
    }

    internal async Task FireDueAsync(CancellationToken ct)
    {
        var table = $"{store.Options.DatabaseSchemaName}.{PagingTimeouts.Table}";
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var due = new HashSet<string>(StringComparer.Ordinal);
        await using (var take = new NpgsqlCommand(
            $"""
             delete from {table} t using (
               select incident_id, due_at from {table} where due_at <= $1 order by due_at limit {RowsPerRound} for update skip locked) d
             where t.incident_id = d.incident_id and t.due_at = d.due_at
             returning t.incident_id
             """, connection, transaction))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().UtcDateTime });
            await using var reader = await take.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) due.Add(reader.GetString(0));
        }
        foreach (var incidentId in due)
            await planning.PlanAsync(incidentId, tracedBy: null, ct);
        await transaction.CommitAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Firing paging timeouts failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
