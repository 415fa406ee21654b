using Crisis.Ingestion.Mentions;
using Crisis.ServiceDefaults.PersonalData;
using Npgsql;

namespace Crisis.Detection.Signals;

/// <summary>
/// Puts the words back into pseudonymous mention events for detection's term counts, from <c>mention_keys</c>. A
/// mention whose author was erased gets no text: it still counts, with its stored negativity, but adds no terms.
/// </summary>
public static class MentionTexts
{
    public static string KeyOf(string platform, string postId) => $"{platform}:{postId}";

    /// <summary>The kept texts of the batches' mentions stored without one, by <see cref="KeyOf"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(
        NpgsqlConnection connection, string schema, IReadOnlyList<MentionsRecorded> batches, CancellationToken cancellationToken)
    {
        var wanted = batches.SelectMany(b => b.Mentions).Where(m => m.Text is null).ToList();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (wanted.Count == 0) return texts;
        await using var command = new NpgsqlCommand(
            $"""
            SELECT c.platform, c.post_id, c.text
            FROM unnest($1::text[], $2::text[]) AS w(platform, post_id)
            JOIN {schema}.{PersonalDataTables.Mentions} c ON c.platform = w.platform AND c.post_id = w.post_id
            WHERE c.text IS NOT NULL
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(m => m.Platform.WireName()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(m => m.PostId).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) texts[KeyOf(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        return texts;
    }

    public static MentionsRecorded Hydrate(MentionsRecorded recorded, IReadOnlyDictionary<string, string> texts)
    {
        if (recorded.Mentions.All(m => m.Text is not null)) return recorded;
        return recorded with
        {
            Mentions = [.. recorded.Mentions.Select(m => m.Text is not null ? m : m with { Text = texts.GetValueOrDefault(KeyOf(m.Platform.WireName(), m.PostId)) })],
        };
    }
}
