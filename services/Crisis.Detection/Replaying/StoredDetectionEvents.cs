using System.Runtime.CompilerServices;
using Crisis.Detection.Buzz;
using Crisis.Detection.Projecting;
using Crisis.Ingestion.Brands;
using System.Text.Json;
using Crisis.Detection.Signals;
using Crisis.Ingestion.Mentions;
using Crisis.PersonalData.Storing;
using Marten;
using Npgsql;

namespace Crisis.Detection.Replaying;

/// <summary>
/// Reads, for a replay of one brand, what the live detection subscription read, in store order and up to where
/// live detection stands (its checkpoint), so both saw the same events. Only the followed brand's mentions and the
/// campaign declarations are sent and deserialised; another brand's <c>MentionsRecorded</c> is reduced by the
/// server to its latest publication time (<see cref="OtherBrandsPublished"/>), all that moves the watermark.
/// The scan still runs over every brand's mention events from the start of the store: the detector's state at the
/// window's start depends on the brand's whole history, and live kept no snapshot per point in time.
/// </summary>
public sealed class StoredDetectionEvents(IDocumentStore store, NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The last sequence live detection decided; when it never ran (a store filled by <c>crisis ingest</c> alone),
    /// every event, so that a replay still shows what live would decide.
    /// </summary>
    public async Task<long> LiveCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var checkpoint = await session.LoadAsync<DetectionCheckpoint>(DetectionCheckpoint.SingletonId, cancellationToken);
        return checkpoint?.LastSequence ?? long.MaxValue;
    }

    /// <summary>The buzz events live detection appended for the window's brand, in the window.</summary>
    public async Task<IReadOnlyList<object>> LiveAsync(ReplayWindow window, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(BuzzStreams.KeyFor(window.BrandId), token: cancellationToken);
        return [.. events.Select(e => e.Data).Where(window.Contains)];
    }

    /// <summary>The events to replay for <paramref name="brandId"/>, in store order, up to sequence <paramref name="upTo"/>.</summary>
    public async IAsyncEnumerable<object> ForBrandAsync(string brandId, long upTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        var serializer = store.Options.Serializer();
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT e.type,
                   CASE WHEN e.type = 'campaign_window_declared' OR e.data->>'brandId' = $1 THEN e.data END,
                   CASE WHEN e.type = 'mentions_recorded' AND e.data->>'brandId' <> $1
                        THEN (SELECT max((m->>'publishedAt')::timestamptz) FROM jsonb_array_elements(e.data->'mentions') m) END,
                   CASE WHEN e.type = 'mentions_recorded' AND e.data->>'brandId' = $1
                        THEN (SELECT jsonb_agg(coalesce(m.v->>'text', c.text) ORDER BY m.n)
                              FROM jsonb_array_elements(e.data->'mentions') WITH ORDINALITY AS m(v, n)
                              LEFT JOIN {schema}.{PersonalDataTables.Mentions} c
                                     ON c.platform = lower(m.v->>'platform') AND c.post_id = m.v->>'postId' AND c.brand_id = $1)::text END
            FROM {schema}.mt_events e
            WHERE e.type IN ('mentions_recorded', 'campaign_window_declared') AND e.seq_id <= $2
            ORDER BY e.seq_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = brandId });
        command.Parameters.Add(new NpgsqlParameter { Value = upTo });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(2))
            {
                yield return new OtherBrandsPublished(reader.GetFieldValue<DateTimeOffset>(2));
                continue;
            }
            if (reader.IsDBNull(1)) continue; // another brand's empty batch: it moves nothing
            if (reader.GetString(0) == "campaign_window_declared")
            {
                yield return serializer.FromJson<CampaignWindowDeclared>(reader, 1);
                continue;
            }
            var recorded = serializer.FromJson<MentionsRecorded>(reader, 1);
            // The words, for the term counts, as live read them from mention_keys (MentionTexts).
            yield return new MentionsWithTexts(recorded, reader.IsDBNull(3) ? null : JsonSerializer.Deserialize<string?[]>(reader.GetString(3)));
        }
    }
}
