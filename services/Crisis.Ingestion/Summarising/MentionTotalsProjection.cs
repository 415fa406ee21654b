using Crisis.Ingestion.Mentions;
using Crisis.ServiceDefaults.EventSourcing;
using Marten;
using Marten.Events.Projections;

namespace Crisis.Ingestion.Summarising;

/// <summary>
/// The mentions summary's read model, in three tables: per brand its totals and first and last publication
/// (<c>brand_mention_totals</c>), its mentions per identified language (<c>brand_mention_languages</c>), and one row
/// per distinct author (<c>brand_mention_authors</c>) so that authors are counted without unpacking every mention.
/// Inline, for the same reason as the brand curves: the summary counts what the intake has just answered for. An author
/// is kept as a 64-bit hash of the handle the event carries (a pseudonym, or a raw handle in events older than
/// pseudonymisation), never the handle itself: this table only counts, and erasure has nothing to rewrite in it.
/// </summary>
public sealed partial class MentionTotalsProjection : EventProjection
{
    public const string ProjectionName = "MentionTotals";
    public const string TotalsTable = "brand_mention_totals";
    public const string LanguagesTable = "brand_mention_languages";
    public const string AuthorsTable = "brand_mention_authors";

    private readonly string totals;
    private readonly string languages;
    private readonly string authors;

    public MentionTotalsProjection(string schema)
    {
        Name = ProjectionName;
        var totalsTable = ProjectionTables.Own(this, schema, TotalsTable);
        totalsTable.AddColumn<string>("brand_id").AsPrimaryKey();
        foreach (var counter in new[] { "mentions", "scored", "negative" }) totalsTable.AddColumn(counter, "bigint").NotNull();
        totalsTable.AddColumn("first_published", "timestamptz").NotNull();
        totalsTable.AddColumn("last_published", "timestamptz").NotNull();

        var languagesTable = ProjectionTables.Own(this, schema, LanguagesTable);
        languagesTable.AddColumn<string>("brand_id").AsPrimaryKey();
        languagesTable.AddColumn<string>("language").AsPrimaryKey();
        languagesTable.AddColumn("mentions", "bigint").NotNull();

        var authorsTable = ProjectionTables.Own(this, schema, AuthorsTable);
        authorsTable.AddColumn<string>("brand_id").AsPrimaryKey();
        // A 64-bit hash rather than an MD5 text: the author rows are the one write per mention this projection adds to the
        // intake, and a bigint key keeps them small (the MD5 version cost a third of the intake's throughput). Two authors
        // of one brand collide with odds of about n²/2^65: negligible for a count.
        authorsTable.AddColumn("author_hash", "bigint").AsPrimaryKey();

        totals = $"""
            INSERT INTO {totalsTable.Identifier.QualifiedName} AS t (brand_id, mentions, scored, negative, first_published, last_published)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (brand_id) DO UPDATE SET mentions = t.mentions + excluded.mentions, scored = t.scored + excluded.scored,
                negative = t.negative + excluded.negative, first_published = least(t.first_published, excluded.first_published),
                last_published = greatest(t.last_published, excluded.last_published)
            """;
        languages = $"""
            INSERT INTO {languagesTable.Identifier.QualifiedName} AS t (brand_id, language, mentions)
            SELECT ?, l.language, l.mentions FROM unnest(?::text[], ?::bigint[]) AS l(language, mentions)
            ON CONFLICT (brand_id, language) DO UPDATE SET mentions = t.mentions + excluded.mentions
            """;
        authors = $"""
            INSERT INTO {authorsTable.Identifier.QualifiedName} (brand_id, author_hash)
            SELECT ?, hashtextextended(a.handle, 0) FROM unnest(?::text[]) AS a(handle)
            ON CONFLICT DO NOTHING
            """;
    }

    public void Project(MentionsRecorded e, IDocumentOperations ops)
    {
        if (e.Mentions.Count == 0) return;
        ops.QueueSqlCommand(totals, e.BrandId, (long)e.Mentions.Count,
            (long)e.Mentions.Count(m => m.IsNegative is not null), (long)e.Mentions.Count(m => m.IsNegative == true),
            // At offset zero, which Npgsql requires of a timestamptz value.
            e.Mentions.Min(m => m.PublishedAt).ToUniversalTime(), e.Mentions.Max(m => m.PublishedAt).ToUniversalTime());
        var byLanguage = e.Mentions.GroupBy(m => m.Language.ToString()).ToArray();
        ops.QueueSqlCommand(languages, e.BrandId, byLanguage.Select(g => g.Key).ToArray(), byLanguage.Select(g => (long)g.Count()).ToArray());
        ops.QueueSqlCommand(authors, e.BrandId, e.Mentions.Select(m => m.Author.Handle).Distinct(StringComparer.Ordinal).ToArray());
    }
}
