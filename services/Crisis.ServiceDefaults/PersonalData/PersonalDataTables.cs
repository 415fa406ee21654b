using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Crisis.ServiceDefaults.PersonalData;

/// <summary>
/// Where the identity and words of the public are kept, apart from the events: the event store is immutable, these
/// two tables are not. <c>post_content</c> holds, per post, the raw handle, display name, text and link next to the
/// pseudonym the events carry; <c>author_pseudonym_keys</c> holds each organisation's pseudonym key. Erasing an
/// author empties their rows; the events never held anything to erase (docs/security.md).
/// </summary>
public static class PersonalDataTables
{
    public const string PostContent = "post_content";
    public const string PseudonymKeys = "author_pseudonym_keys";

    public static void Configure(StoreOptions options)
    {
        options.Storage.ExtendedSchemaObjects.Add(DefinePostContent(options.DatabaseSchemaName));
        options.Storage.ExtendedSchemaObjects.Add(DefinePseudonymKeys(options.DatabaseSchemaName));
    }

    private static Table DefinePostContent(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, PostContent, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("platform").AsPrimaryKey();
        table.AddColumn<string>("post_id").AsPrimaryKey();
        table.AddColumn<string>("organisation_id").NotNull();
        table.AddColumn<string>("author_pseudonym").NotNull();
        table.AddColumn<string>("author_handle");
        table.AddColumn<string>("author_display_name");
        table.AddColumn<string>("text");
        table.AddColumn<string>("url");
        table.AddColumn("recorded_at", "timestamptz").NotNull();
        table.AddColumn("erased_at", "timestamptz");
        // Erasure finds an author by pseudonym, whatever the handle's case or '@'.
        table.Indexes.Add(new IndexDefinition($"ix_{PostContent}_author") { Columns = ["platform", "author_pseudonym"] });
        return table;
    }

    private static Table DefinePseudonymKeys(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, PseudonymKeys, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("organisation_id").AsPrimaryKey();
        table.AddColumn("key", "bytea").NotNull();
        table.AddColumn("created_at", "timestamptz").NotNull();
        return table;
    }
}
