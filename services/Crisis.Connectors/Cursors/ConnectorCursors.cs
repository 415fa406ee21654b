using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Crisis.Connectors.Cursors;

/// <summary>Where a connector stands in its source, and what it has done so far (for <c>crisis connectors status</c>).</summary>
public sealed record ConnectorCursor(
    string Name, string Source, string Organisation, string? Position,
    long Seen, long Matched, long Sent, long Malformed, long Errors, long Reconnects,
    DateTimeOffset UpdatedAt, DateTimeOffset? NewestPublishedAt, string? LastError, DateTimeOffset? FailingSince = null);

/// <summary>Where connectors keep their cursors: PostgreSQL (<see cref="ConnectorCursors"/>), or memory in specs.</summary>
public interface ICursorStore
{
    Task<ConnectorCursor?> LoadAsync(string name, CancellationToken cancellationToken);

    Task SaveAsync(
        string name, string source, string organisation, string? position, CursorProgress progress,
        DateTimeOffset now, DateTimeOffset? newestPublishedAt, string? lastError, CancellationToken cancellationToken);
}

/// <summary>What one step of a connector adds to its row.</summary>
public readonly record struct CursorProgress(long Seen, long Matched, long Sent, long Malformed, long Errors, long Reconnects);

/// <summary>
/// Each connector's own row in <c>connector_cursors</c>: its position in the source (a Jetstream time_us, a status id,
/// a page token…) advanced only after the intake committed what came before it, so a crash replays from there and the
/// intake's deduplication absorbs the overlap. Counters are totals since the connector first ran.
/// </summary>
public sealed class ConnectorCursors(NpgsqlDataSource dataSource, IDocumentStore store) : ICursorStore
{
    public const string Table = "connector_cursors";

    private string Qualified => $"{store.Options.DatabaseSchemaName}.{Table}";

    public static void Configure(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("name").AsPrimaryKey();
        table.AddColumn<string>("source").NotNull();
        table.AddColumn<string>("organisation_id").NotNull();
        table.AddColumn<string>("position");
        foreach (var counter in new[] { "seen", "matched", "sent", "malformed", "errors", "reconnects" })
        {
            table.AddColumn(counter, "bigint").NotNull().DefaultValueByExpression("0");
        }
        table.AddColumn("updated_at", "timestamptz").NotNull();
        table.AddColumn("newest_published_at", "timestamptz");
        table.AddColumn<string>("last_error");
        // Set by a failed step, cleared by the next step that read and committed: whether the connector is failing now
        // (last_error keeps the last failure for the record).
        table.AddColumn("failing_since", "timestamptz");
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    public async Task<ConnectorCursor?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{SelectAll} WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ConnectorCursor>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{SelectAll} ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cursors = new List<ConnectorCursor>();
        while (await reader.ReadAsync(cancellationToken)) cursors.Add(Read(reader));
        return cursors;
    }

    /// <summary>Moves the position (when given; null keeps the stored one) and adds the progress, in one statement.</summary>
    public async Task SaveAsync(
        string name, string source, string organisation, string? position, CursorProgress progress,
        DateTimeOffset now, DateTimeOffset? newestPublishedAt, string? lastError, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO {Qualified} AS c (name, source, organisation_id, position, seen, matched, sent, malformed, errors, reconnects,
                                          updated_at, newest_published_at, last_error, failing_since)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, CASE WHEN $13 IS NULL THEN NULL ELSE $11 END)
            ON CONFLICT (name) DO UPDATE SET
                source = excluded.source, organisation_id = excluded.organisation_id,
                position = COALESCE(excluded.position, c.position),
                seen = c.seen + excluded.seen, matched = c.matched + excluded.matched, sent = c.sent + excluded.sent,
                malformed = c.malformed + excluded.malformed, errors = c.errors + excluded.errors,
                reconnects = c.reconnects + excluded.reconnects, updated_at = excluded.updated_at,
                newest_published_at = GREATEST(c.newest_published_at, excluded.newest_published_at),
                last_error = COALESCE(excluded.last_error, c.last_error),
                failing_since = CASE WHEN excluded.last_error IS NULL THEN NULL ELSE COALESCE(c.failing_since, excluded.updated_at) END
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = organisation });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)position ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        foreach (var value in new[] { progress.Seen, progress.Matched, progress.Sent, progress.Malformed, progress.Errors, progress.Reconnects })
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
        }
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter { Value = newestPublishedAt is { } newest ? newest : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)lastError ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string SelectAll =>
        $"SELECT name, source, organisation_id, position, seen, matched, sent, malformed, errors, reconnects, updated_at, newest_published_at, last_error, failing_since FROM {Qualified}";

    private static ConnectorCursor Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9),
        reader.GetFieldValue<DateTimeOffset>(10), reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        reader.IsDBNull(12) ? null : reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13));
}
