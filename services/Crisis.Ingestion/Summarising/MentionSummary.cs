using Marten;
using Npgsql;

namespace Crisis.Ingestion.Summarising;

/// <summary>What the store holds per brand: counts, time span, negative share, authors and languages.</summary>
public sealed record BrandMentionSummary(
    string BrandId, long Mentions, DateTimeOffset? FirstPublished, DateTimeOffset? LastPublished,
    long Scored, long Negative, long Authors, IReadOnlyDictionary<string, long> Languages);

public sealed class MentionSummary(IDocumentStore store, NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<BrandMentionSummary>> ByBrandAsync(CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT e.data->>'brandId', count(*), min((m->>'publishedAt')::timestamptz), max((m->>'publishedAt')::timestamptz),
                   count(*) FILTER (WHERE m->>'isNegative' IS NOT NULL),
                   count(*) FILTER (WHERE (m->>'isNegative')::boolean),
                   count(DISTINCT m->'author'->>'handle')
            FROM {schema}.mt_events e, jsonb_array_elements(e.data->'mentions') m
            WHERE e.type = 'mentions_recorded'
            GROUP BY 1 ORDER BY 1
            """);
        var summaries = new List<BrandMentionSummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                summaries.Add(new BrandMentionSummary(
                    reader.GetString(0), reader.GetInt64(1),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), new Dictionary<string, long>()));
            }
        }
        await using var languages = dataSource.CreateCommand(
            $"""
            SELECT e.data->>'brandId', coalesce(m->>'language', 'Unknown'), count(*)
            FROM {schema}.mt_events e, jsonb_array_elements(e.data->'mentions') m
            WHERE e.type = 'mentions_recorded'
            GROUP BY 1, 2
            """);
        var byBrand = summaries.ToDictionary(s => s.BrandId, s => (Dictionary<string, long>)s.Languages, StringComparer.Ordinal);
        await using (var reader = await languages.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) byBrand[reader.GetString(0)][reader.GetString(1)] = reader.GetInt64(2);
        }
        return summaries;
    }
}
