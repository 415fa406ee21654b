using Crisis.PersonalData.Storing;
using Npgsql;

namespace Crisis.PersonalData.Retaining;

/// <summary>
/// The retention limit for personal data: a post published (a quoted post: recorded) before the cut-off loses who wrote
/// it and what it said, as an erased author's posts do, and still counts. Host-wide (every organisation's posts), so it
/// is an operator's job (<c>crisis mentions redact</c>, run daily by a timer), not an organisation's request.
/// </summary>
public static class PostRetention
{
    /// <summary>Empties the posts older than <paramref name="cutOff"/> inside the caller's transaction; the number of posts redacted.</summary>
    public static async Task<int> RedactPublishedBeforeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, DateTimeOffset cutOff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var redacted = 0;
        foreach (var (table, time) in new[] { (PersonalDataTables.Mentions, "published_at"), (PersonalDataTables.QuotedPosts, "recorded_at") })
        {
            await using var command = new NpgsqlCommand(
                $"""
                UPDATE {schema}.{table} {PersonalDataTables.EmptyContent}
                WHERE {time} < $2 AND author_pseudonym IS NOT NULL AND {PersonalDataTables.HoldsContent}
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutOff });
            redacted += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return redacted;
    }
}
