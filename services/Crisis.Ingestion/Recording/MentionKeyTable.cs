using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Crisis.Ingestion.Recording;

/// <summary>
/// One row per mention ever recorded, keyed by (platform, post id): the unique index is what makes a post
/// sent twice, by two workers at once, or again after a crash, land in the event store exactly once.
/// It is written in the same transaction as the events.
/// </summary>
public static class MentionKeyTable
{
    public const string Name = "mention_keys";

    public static Table Define(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("platform").AsPrimaryKey();
        table.AddColumn<string>("post_id").AsPrimaryKey();
        table.AddColumn<string>("brand_id").NotNull();
        table.AddColumn<string>("stream_key").NotNull();
        table.AddColumn("published_at", "timestamptz").NotNull();
        table.AddColumn("recorded_at", "timestamptz").NotNull();
        return table;
    }
}
