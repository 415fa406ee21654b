using Marten;
using Npgsql;

namespace Crisis.Ingestion.Summarising;

/// <summary>What the store holds per brand: counts, time span, negative share, authors and languages.</summary>
public sealed record BrandMentionSummary(
    string BrandId, long Mentions, DateTimeOffset? FirstPublished, DateTimeOffset? LastPublished,
    long Scored, long Negative, long Authors, IReadOnlyDictionary<string, long> Languages);

/// <summary>Every brand's summary, from <see cref="MentionTotalsProjection"/>'s tables (an operator's view: all organisations).</summary>
public sealed class MentionSummary(IDocumentStore store, NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<BrandMentionSummary>> ByBrandAsync(CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT t.brand_id, t.mentions, t.first_published, t.last_published, t.scored, t.negative,
                   (SELECT count(*) FROM {schema}.{MentionTotalsProjection.AuthorsTable} a WHERE a.brand_id = t.brand_id)
            FROM {schema}.{MentionTotalsProjection.TotalsTable} t
            ORDER BY t.brand_id
            """);
        var summaries = new List<BrandMentionSummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                summaries.Add(new BrandMentionSummary(
                    reader.GetString(0), reader.GetInt64(1),
                    reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), new Dictionary<string, long>()));
            }
        }
        await using var languages = dataSource.CreateCommand(
            $"SELECT brand_id, language, mentions FROM {schema}.{MentionTotalsProjection.LanguagesTable}");
        var byBrand = summaries.ToDictionary(s => s.BrandId, s => (Dictionary<string, long>)s.Languages, StringComparer.Ordinal);
        await using (var reader = await languages.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (byBrand.TryGetValue(reader.GetString(0), out var counts)) counts[reader.GetString(1)] = reader.GetInt64(2);
            }
        }
        return summaries;
    }
}
