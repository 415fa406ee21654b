using Crisis.PersonalData.Storing;
using Npgsql;

namespace Crisis.PersonalData.Erasing;

/// <summary>
/// Empties one author's kept identity and words, for one organisation, inside the caller's transaction: the author's
/// rows of <see cref="PersonalDataTables.Mentions"/> and <see cref="PersonalDataTables.QuotedPosts"/> keep their pseudonym
/// (evidence still says "someone, erased", counts still hold) and lose handle, display name, text and link. The
/// pseudonym is listed in <see cref="PersonalDataTables.ErasedAuthors"/>, so that posts of the author that arrive later
/// are stored without who or what. Only the organisation's rows are touched: its pseudonym names nobody elsewhere, and
/// the organisation is a condition of every statement too.
/// </summary>
internal static class KeptPostErasure
{
    /// <summary>The number of posts that still held something of the author and were emptied.</summary>
    public static async Task<int> EmptyAsync(
        NpgsqlConnection connection, string schema, string organisationId, string platform, string pseudonym, DateTimeOffset now, CancellationToken ct)
    {
        // Npgsql runs these on the connection's open transaction (the caller's session began it).
        await using (var remember = new NpgsqlCommand(
            $"""
            INSERT INTO {schema}.{PersonalDataTables.ErasedAuthors} (platform, author_pseudonym, erased_at)
            VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
            """, connection))
        {
            remember.Parameters.Add(new NpgsqlParameter<string> { TypedValue = platform });
            remember.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pseudonym });
            remember.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await remember.ExecuteNonQueryAsync(ct);
        }
        var emptied = 0;
        foreach (var table in new[] { PersonalDataTables.Mentions, PersonalDataTables.QuotedPosts })
        {
            await using var command = new NpgsqlCommand(
                $"""
                UPDATE {schema}.{table} {PersonalDataTables.EmptyContent}
                WHERE platform = $2 AND author_pseudonym = $3 AND organisation_id = $4 AND {PersonalDataTables.HoldsContent}
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = platform });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pseudonym });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = organisationId });
            emptied += await command.ExecuteNonQueryAsync(ct);
        }
        return emptied;
    }
}
