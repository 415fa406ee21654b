using System.Diagnostics;
using Crisis.Ingestion.Brands;
using Crisis.Ingestion.Mentions;
using Crisis.Ingestion.Scoring;
using Crisis.PersonalData.Storing;
using Marten;
using Marten.Services;
using Npgsql;
using NpgsqlTypes;
using Polly;

namespace Crisis.Ingestion.Recording;

/// <summary>
/// The one append path of all intakes: validate, score, drop what the store already holds, append the rest
/// as <see cref="MentionsRecorded"/> events, and return only once PostgreSQL has committed them.
/// </summary>
public sealed class MentionRecorder(
    IDocumentStore store,
    NpgsqlDataSource dataSource,
    BrandDirectory brands,
    MentionValidator validator,
    MentionScoring scoring,
    MentionPseudonymisation pseudonymisation,
    IngestionTelemetry telemetry,
    TimeProvider clock)
{
    private static readonly ResiliencePipeline TransientRetry = new ResiliencePipelineBuilder()
        .AddRetry(new()
        {
            // Safe to retry because the whole transaction (key claims and events) is re-run from the start.
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = 5,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(20),
        })
        .Build();

    /// <summary>
    /// Stream locks (below) rule out deadlocks and append races between Crisis writers; these stay retryable as a
    /// safety net (a writer of another version, a serialisation failure), with dropped connections. Marten wraps
    /// PostgreSQL's errors, so the chain is searched.
    /// </summary>
    private static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: "40P01" or "40001" } or PostgresException { SqlState: "23505", ConstraintName: "pkey_mt_streams_id" }) return true;
            if (e is JasperFx.Events.EventStreamUnexpectedMaxEventIdException) return true;
            if (e is NpgsqlException { IsTransient: true }) return true;
        }
        return false;
    }

    public Task<IntakeReport> RecordAsync(IReadOnlyList<IntakeItem> items, CancellationToken cancellationToken) =>
        RecordAsync(items, organisation: null, cancellationToken);

    /// <param name="organisation">
    /// When given (the HTTP intake: the caller's organisation), a mention of another organisation's brand is rejected
    /// like one of an unregistered brand, item by item, without saying that the brand exists. The bus and file intakes
    /// pass none: their callers hold the broker's or the database's credentials.
    /// </param>
    public async Task<IntakeReport> RecordAsync(IReadOnlyList<IntakeItem> items, string? organisation, CancellationToken cancellationToken)
    {
        using var activity = IngestionTelemetry.Source.StartActivity("mentions.record");
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var isKnownBrand = await brands.ResolveAsync(items.Select(i => i.Mention?.BrandId), organisation, cancellationToken);

        var errors = new List<ItemError>();
        var candidates = new List<CandidateMention>(items.Count);
        var seenInBatch = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var item in items)
        {
            if (item.ParseError is not null || item.Mention is null)
            {
                errors.Add(item.ParseError ?? new ItemError(item.Line, "$", "is empty"));
                continue;
            }
            var (candidate, itemErrors) = validator.Validate(item.Mention, item.Line, now, isKnownBrand);
            if (candidate is null) errors.AddRange(itemErrors);
            else if (!seenInBatch.Add(candidate.DeduplicationKey)) duplicates++;
            else candidates.Add(candidate);
        }

        var scored = candidates.Count == 0 ? [] : await pseudonymisation.SplitAsync(scoring.Score(candidates), cancellationToken);
        var accepted = candidates.Count == 0 ? 0 : await TransientRetry.ExecuteAsync(
            async (batch, ct) => await AppendNewAsync(batch, now, ct), scored, cancellationToken);
        duplicates += candidates.Count - accepted;

        var rejected = errors.Select(e => e.Line).Distinct().Count();
        telemetry.Recorded(accepted, duplicates, rejected, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("crisis.mentions.accepted", accepted);
        activity?.SetTag("crisis.mentions.duplicate", duplicates);
        activity?.SetTag("crisis.mentions.rejected", rejected);
        return new IntakeReport(accepted, duplicates, rejected, errors);
    }

    private async Task<int> AppendNewAsync(IReadOnlyList<PseudonymousMention> split, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = split.Select(s => s.Event).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Keys first (in key order, so concurrent claims never wait on each other in a cycle), then the stream
        // locks: claims of different batches run in parallel, and only the append is serialised per stream.
        var fresh = await ClaimKeysAsync(connection, transaction, split, now, cancellationToken);
        if (fresh.Count == 0) return 0;
        await LockStreamsAsync(connection, transaction, candidates.Where(c => fresh.Contains(c.DeduplicationKey)), cancellationToken);

        // The append's span: its traceparent is what the mention events carry to detection (see TraceContextOnEvents).
        using var append = IngestionTelemetry.Source.StartActivity("mentions.append");
        await using (var session = store.LightweightSession(SessionOptions.ForTransaction(transaction)))
        {
            foreach (var group in candidates.Where(c => fresh.Contains(c.DeduplicationKey))
                         .GroupBy(c => (c.BrandId, Hour: MentionStreams.HourOf(c.Mention.PublishedAt))))
            {
                var streamKey = MentionStreams.KeyFor(group.Key.BrandId, group.Key.Hour);
                session.Events.Append(streamKey, new MentionsRecorded(
                    streamKey, group.Key.BrandId, group.Key.Hour, now, group.Select(c => c.Mention).ToArray()));
            }
            await session.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return fresh.Count;
    }

    /// <summary>
    /// Serialises writers per brand-hour stream, across every node, for the rest of the transaction, so Marten's
    /// append never sees a concurrent writer on the same stream. Taken in key order after the key claims: a
    /// transaction waiting here holds only keys that nobody else can want any more (a claim that meets them
    /// waits before it takes any stream lock), so no cycle can form.
    /// </summary>
    private static async Task LockStreamsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<CandidateMention> candidates, CancellationToken cancellationToken)
    {
        var streams = candidates.Select(c => MentionStreams.KeyFor(c.BrandId, MentionStreams.HourOf(c.Mention.PublishedAt)))
            .Distinct(StringComparer.Ordinal).ToArray();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_advisory_xact_lock(hashtextextended(s.key, 0))) FROM (SELECT key FROM unnest(@keys) AS key ORDER BY key) s",
            connection, transaction);
        command.Parameters.Add(Array("keys", streams));
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts the keys not yet known and returns them; rows ordered by key so two batches lock in the same order. Each
    /// row also keeps who said what (handle, display name, text, link) next to the pseudonym the event carries: the one
    /// place it can be erased from, written in the same transaction as the events.
    /// </summary>
    private async Task<HashSet<string>> ClaimKeysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PseudonymousMention> split,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = $"{store.Options.DatabaseSchemaName}.{PersonalDataTables.Mentions}";
        var erased = $"{store.Options.DatabaseSchemaName}.{PersonalDataTables.ErasedAuthors}";
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {table} (platform, post_id, brand_id, stream_key, published_at, recorded_at,
                                 organisation_id, author_pseudonym, author_handle, author_display_name, text, url, erased_at)
            SELECT k.platform, k.post_id, k.brand_id, k.stream_key, k.published_at, @now, k.organisation_id, k.pseudonym,
                   -- An author who asked to be forgotten is stored already erased: counted, without who or what.
                   CASE WHEN e.erased_at IS NULL THEN k.handle END, CASE WHEN e.erased_at IS NULL THEN k.display_name END,
                   CASE WHEN e.erased_at IS NULL THEN k.text END, CASE WHEN e.erased_at IS NULL THEN k.url END, e.erased_at
            FROM unnest(@platforms, @postIds, @brandIds, @streamKeys, @publishedAts,
                        @organisations, @pseudonyms, @handles, @displayNames, @texts, @urls)
                 AS k(platform, post_id, brand_id, stream_key, published_at, organisation_id, pseudonym, handle, display_name, text, url)
            LEFT JOIN {erased} e ON e.platform = k.platform AND e.author_pseudonym = k.pseudonym
            ORDER BY k.platform, k.post_id, k.brand_id
            -- The brand's own key: another brand's (or organisation's) copy of the post neither blocks it nor shows.
            ON CONFLICT (platform, post_id, brand_id) DO NOTHING
            RETURNING platform, post_id, brand_id
            """, connection, transaction);
        var candidates = split.Select(s => s.Event).ToList();
        var contents = split.Select(s => s.Content).ToList();
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        command.Parameters.Add(Array("platforms", candidates.Select(c => c.Mention.Platform.WireName())));
        command.Parameters.Add(Array("postIds", candidates.Select(c => c.Mention.PostId)));
        command.Parameters.Add(Array("brandIds", candidates.Select(c => c.BrandId)));
        command.Parameters.Add(Array("streamKeys", candidates.Select(c => MentionStreams.KeyFor(c.BrandId, MentionStreams.HourOf(c.Mention.PublishedAt)))));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("publishedAts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            TypedValue = candidates.Select(c => c.Mention.PublishedAt.UtcDateTime).ToArray(),
        });
        command.Parameters.Add(Array("organisations", contents.Select(c => c.OrganisationId)));
        command.Parameters.Add(Array("pseudonyms", contents.Select(c => c.Pseudonym)));
        command.Parameters.Add(Array("handles", contents.Select(c => c.Handle)));
        command.Parameters.Add(Array("displayNames", contents.Select(c => c.DisplayName)));
        command.Parameters.Add(Array("texts", contents.Select(c => c.Text)));
        command.Parameters.Add(Array("urls", contents.Select(c => c.Url)));

        var fresh = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh.Add(CandidateMention.KeyOf(reader.GetString(2), reader.GetString(0), reader.GetString(1)));
        }
        return fresh;
    }

    private static NpgsqlParameter<string?[]> Array(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values.ToArray() };
}
