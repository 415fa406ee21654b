using Crisis.PersonalData.Storing;
using Npgsql;

namespace Crisis.PersonalData.Reading;

/// <summary>
/// The kept words of ingested posts, for detection's term counts: each asked post's text in its brand's own row (another
/// brand's copy of the same post may have been stored, or erased, otherwise). Null where the author was erased, the
/// post was redacted, or no row exists.
/// </summary>
public static class PostTexts
{
    /// <summary>
    /// One query for all of them, answered in the order asked (parallel arrays, no keys to build or hash: this runs for
    /// every mention live detection sees).
    /// </summary>
    public static async Task<string?[]> LoadAsync(
        NpgsqlConnection connection, string schema, string[] platforms, string[] postIds, string[] brandIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT c.text
            FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS w(platform, post_id, brand_id, n)
            LEFT JOIN {schema}.{PersonalDataTables.Mentions} c ON c.platform = w.platform AND c.post_id = w.post_id AND c.brand_id = w.brand_id
            ORDER BY w.n
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = platforms });
        command.Parameters.Add(new NpgsqlParameter { Value = postIds });
        command.Parameters.Add(new NpgsqlParameter { Value = brandIds });
        var found = new string?[platforms.Length];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; await reader.ReadAsync(cancellationToken); i++) found[i] = reader.IsDBNull(0) ? null : reader.GetString(0);
        return found;
    }
}
