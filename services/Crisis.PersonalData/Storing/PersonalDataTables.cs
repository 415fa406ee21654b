using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Crisis.PersonalData.Storing;

/// <summary>
/// Where the identity and words of the public are kept, apart from the events: the event store is immutable, these
/// tables are not. Erasing an author empties their rows; the events never held anything to erase (docs/security.md).
/// </summary>
public static class PersonalDataTables
{
    /// <summary>
    /// One row per ingested post and brand, written in the transaction that appends its (pseudonymous) event. Its key
    /// (platform, post id, brand) is what makes a post sent twice, by two workers at once, or again after a crash, land in
    /// the event store exactly once for that brand; a public post that mentions two brands (of one organisation or two)
    /// counts for each, and no organisation's post can stop, or reveal, another's. Its other columns keep the raw handle,
    /// display name, text and link next to the pseudonym the event carries. One row, not two tables, because ingestion
    /// writes it for every mention. Whoever reads a row back names the brand (or at least the organisation) too.
    /// </summary>
    public const string Mentions = "mention_keys";

    /// <summary>Posts known only because a page from another detector quoted them as evidence; never ingested.</summary>
    public const string QuotedPosts = "quoted_posts";

    /// <summary>Each organisation's pseudonym key (<see cref="AuthorPseudonyms"/>).</summary>
    public const string PseudonymKeys = "author_pseudonym_keys";

    /// <summary>
    /// The pseudonyms of authors who asked to be forgotten: their later posts are stored already erased (they still
    /// count, without who or what). Pseudonyms only, so the list itself names nobody.
    /// </summary>
    public const string ErasedAuthors = "erased_authors";

    /// <summary>
    /// What erasing a post's content means, in <see cref="Mentions"/> and <see cref="QuotedPosts"/> alike: who and what
    /// go, the pseudonym stays, so the post still counts ($1: now). Erasure and retention both use it.
    /// </summary>
    public const string EmptyContent =
        "SET author_handle = NULL, author_display_name = NULL, text = NULL, url = NULL, erased_at = coalesce(erased_at, $1)";

    /// <summary>A row that still holds something of who or what (an erased one holds the pseudonym only).</summary>
    public const string HoldsContent = "(author_handle IS NOT NULL OR author_display_name IS NOT NULL OR text IS NOT NULL OR url IS NOT NULL)";

    public static void Configure(StoreOptions options)
    {
        var schema = options.DatabaseSchemaName;
        options.Storage.ExtendedSchemaObjects.Add(DefineMentions(schema));
        options.Storage.ExtendedSchemaObjects.Add(DefineQuotedPosts(schema));
        options.Storage.ExtendedSchemaObjects.Add(DefinePseudonymKeys(schema));
        options.Storage.ExtendedSchemaObjects.Add(DefineErasedAuthors(schema));
    }

    private static Table DefineErasedAuthors(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, ErasedAuthors, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("platform").AsPrimaryKey();
        table.AddColumn<string>("author_pseudonym").AsPrimaryKey();
        table.AddColumn("erased_at", "timestamptz").NotNull();
        return table;
    }

    private static Table DefineMentions(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Mentions, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("platform").AsPrimaryKey();
        table.AddColumn<string>("post_id").AsPrimaryKey();
        // In the key since organisations share the public's posts: a database keyed on (platform, post id) alone is
        // moved to this key by 'crisis db migrate' (the schema's primary key is replaced; every existing row stays unique).
        table.AddColumn<string>("brand_id").AsPrimaryKey();
        table.AddColumn<string>("stream_key").NotNull();
        table.AddColumn("published_at", "timestamptz").NotNull();
        table.AddColumn("recorded_at", "timestamptz").NotNull();
        // Null in rows recorded before pseudonymisation, whose events still carry the handle and text.
        AddContentColumns(table);
        return table;
    }

    private static Table DefineQuotedPosts(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, QuotedPosts, SchemaUtils.IdentifierUsage.General));
        // Each organisation keeps its own copy under its own pseudonym: one organisation's quote never hides another's.
        table.AddColumn<string>("organisation_id").AsPrimaryKey();
        table.AddColumn<string>("platform").AsPrimaryKey();
        table.AddColumn<string>("post_id").AsPrimaryKey();
        table.AddColumn("recorded_at", "timestamptz").NotNull();
        AddContentColumns(table);
        return table;
    }

    private static void AddContentColumns(Table table)
    {
        if (!table.HasColumn("organisation_id")) table.AddColumn<string>("organisation_id");
        table.AddColumn<string>("author_pseudonym");
        table.AddColumn<string>("author_handle");
        table.AddColumn<string>("author_display_name");
        table.AddColumn<string>("text");
        table.AddColumn<string>("url");
        table.AddColumn("erased_at", "timestamptz");
        // Erasure finds an author by pseudonym, whatever the handle's case or '@'.
        table.Indexes.Add(new IndexDefinition($"ix_{table.Identifier.Name}_author") { Columns = ["platform", "author_pseudonym"] });
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
