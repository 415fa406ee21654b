using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Crisis.CrisisCell.Desk.KeepingServiceLevels;

/// <summary>
/// The desk's durable timeouts, as paging's (<see cref="Notifying.Planning.PagingTimeouts"/>): one row per conversation
/// and time at which its wait breaches the first-answer target. Written by the intake in the session that puts the
/// conversation in the queue, removed by the node that fires it; a row outlives any node, and fires once.
/// </summary>
public static class ServiceLevelTimeouts
{
    public const string Table = "desk_sla_timeouts";

    public static void Configure(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("conversation_id").AsPrimaryKey();
        table.AddColumn("due_at", "timestamptz").AsPrimaryKey();
        table.Indexes.Add(new IndexDefinition($"ix_{Table}_due_at") { Columns = ["due_at"] });
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>Checks the conversation at <paramref name="dueAt"/>: written when the session saves; the same row twice is one.</summary>
    public static void Schedule(IDocumentSession session, string conversationId, DateTimeOffset dueAt) =>
        session.QueueSqlCommand(
            $"insert into {session.DocumentStore.Options.DatabaseSchemaName}.{Table} (conversation_id, due_at) values (?, ?) on conflict do nothing",
            conversationId, dueAt.ToUniversalTime());
}
