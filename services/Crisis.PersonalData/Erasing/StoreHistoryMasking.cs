using System.Text.Json.Nodes;
using Npgsql;

namespace Crisis.PersonalData.Erasing;

/// <summary>
/// Masks an author named by handle in the documents that still hold raw handles: events recorded before
/// pseudonymisation, and whatever was copied from them (buzz and incident events, read models, the detector's saved
/// state). Every table of the schema with a jsonb <c>data</c> column is scanned (<see cref="AuthorMasking"/> decides,
/// document by document). It rewrites the store's history and every organisation's documents, so it is an operator's
/// step (<c>crisis authors erase</c> without <c>--url</c>), never an organisation's request.
/// </summary>
/// <remarks>
/// Marten's own event masking (<c>Advanced.ApplyEventDataMasking</c> with <c>AddMaskingRuleForProtectedInformation</c>)
/// does not fit: its rules are registered per event type when the store is built, not per request for one author; it
/// rewrites events only, not the documents copied from them; and it reads each event through today's CLR type, which no
/// longer has the handle and text fields the legacy events hold (docs/security.md).
/// </remarks>
public static class StoreHistoryMasking
{
    /// <summary>Per table: rows rewritten and posts masked, in one transaction of its own.</summary>
    public static async Task<IReadOnlyList<(string Table, int Rows, int Posts)>> MaskAsync(
        NpgsqlDataSource dataSource, string schema, AuthorMasking masking, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var report = new List<(string, int, int)>();
        foreach (var table in await JsonTablesAsync(connection, schema, ct))
        {
            var (rows, posts) = await MaskTableAsync(connection, schema, table, masking, ct);
            if (rows > 0) report.Add((table, rows, posts));
        }
        await transaction.CommitAsync(ct);
        return report;
    }

    /// <summary>Every table of the schema with a jsonb <c>data</c> column: the events and every Marten document.</summary>
    private static async Task<List<string>> JsonTablesAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = @schema AND column_name = 'data' AND data_type = 'jsonb' ORDER BY 1",
            connection);
        command.Parameters.AddWithValue("schema", schema);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task<(int Rows, int Posts)> MaskTableAsync(NpgsqlConnection connection, string schema, string table, AuthorMasking masking, CancellationToken ct)
    {
        var name = $"\"{schema}\".\"{table}\"";
        var changed = new List<(string Ctid, string Json)>();
        var posts = 0;
        await using (var select = new NpgsqlCommand($"SELECT ctid::text, data::text FROM {name} WHERE strpos(lower(data::text), @term) > 0 FOR UPDATE", connection))
        {
            select.Parameters.AddWithValue("term", masking.SearchTerm);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var document = JsonNode.Parse(reader.GetString(1));
                var masked = masking.Mask(document);
                if (masked == 0) continue;
                posts += masked;
                changed.Add((reader.GetString(0), document!.ToJsonString()));
            }
        }
        // The row's physical address, locked above: these tables have no common key, and the documents no stable id field.
        foreach (var (ctid, json) in changed)
        {
            await using var update = new NpgsqlCommand($"UPDATE {name} SET data = @data::jsonb WHERE ctid = @ctid::tid", connection);
            update.Parameters.AddWithValue("data", json);
            update.Parameters.AddWithValue("ctid", ctid);
            await update.ExecuteNonQueryAsync(ct);
        }
        return (changed.Count, posts);
    }
}
