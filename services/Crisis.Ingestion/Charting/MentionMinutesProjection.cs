using Crisis.Ingestion.Mentions;
using Crisis.ServiceDefaults.EventSourcing;
using Marten;
using Marten.Events.Projections;

namespace Crisis.Ingestion.Charting;

/// <summary>
/// The brand curves' read model: one row per brand and UTC minute of publication in <c>brand_mention_minutes</c>, with
/// the mentions, the scored ones and the negative ones. Any bucket that divides a day is a sum of whole minutes, so
/// <see cref="BrandSeries"/> reads these rows instead of unpacking every mention of the events.
/// </summary>
/// <remarks>
/// Inline: the row is written in the transaction that appends the mentions, so a curve read after the intake answered
/// counts them, as it did when it read the events. A minute belongs to one brand-hour stream, whose writers the
/// recorder already serialises, so two transactions never add to the same row at once. Brand ids are unique across
/// organisations (one brand stream per id), so the brand decides the organisation; callers check it with BrandAccess.
/// </remarks>
public sealed partial class MentionMinutesProjection : EventProjection
{
    /// <summary>One statement adds an event's minutes to their rows (built once, for the store's schema).</summary>
    private readonly string upsert;

    public const string ProjectionName = "MentionMinutes";
    public const string TableName = "brand_mention_minutes";

    public MentionMinutesProjection(string schema)
    {
        Name = ProjectionName;
        var table = ProjectionTables.Own(this, schema, TableName);
        table.AddColumn<string>("brand_id").AsPrimaryKey();
        table.AddColumn("minute", "timestamptz").AsPrimaryKey();
        foreach (var counter in new[] { "mentions", "scored", "negative" }) table.AddColumn(counter, "bigint").NotNull();
        upsert = $"""
            INSERT INTO {table.Identifier.QualifiedName} AS t (brand_id, minute, mentions, scored, negative)
            SELECT ?, m.minute, m.mentions, m.scored, m.negative
            FROM unnest(?::timestamptz[], ?::bigint[], ?::bigint[], ?::bigint[]) AS m(minute, mentions, scored, negative)
            ON CONFLICT (brand_id, minute) DO UPDATE SET mentions = t.mentions + excluded.mentions,
                scored = t.scored + excluded.scored, negative = t.negative + excluded.negative
            """;
    }

    public static string TableOf(IDocumentStore store) => $"{store.Options.DatabaseSchemaName}.{TableName}";

    public void Project(MentionsRecorded e, IDocumentOperations ops)
    {
        var minutes = e.Mentions
            .GroupBy(m => MinuteOf(m.PublishedAt))
            .Select(g => (Minute: g.Key, Mentions: (long)g.Count(), Scored: (long)g.Count(m => m.IsNegative is not null), Negative: (long)g.Count(m => m.IsNegative == true)))
            .ToArray();
        if (minutes.Length == 0) return;
        ops.QueueSqlCommand(upsert, e.BrandId,
            minutes.Select(m => m.Minute).ToArray(), minutes.Select(m => m.Mentions).ToArray(),
            minutes.Select(m => m.Scored).ToArray(), minutes.Select(m => m.Negative).ToArray());
    }

    /// <summary>
    /// The UTC minute a publication falls in, at offset zero: Marten types a <see cref="DateTimeOffset"/> parameter as
    /// timestamptz (a <see cref="DateTime"/> as timestamp, which Npgsql refuses for UTC values).
    /// </summary>
    public static DateTimeOffset MinuteOf(DateTimeOffset publishedAt)
    {
        var ticks = publishedAt.UtcTicks;
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }
}
