using Crisis.Ingestion.Mentions;
using Crisis.PersonalData.Storing;
using Npgsql;

namespace Crisis.Detection.Signals;

/// <summary>A mention batch with the words its event does not carry, in the order of its mentions (null: none kept).</summary>
public sealed record MentionsWithTexts(MentionsRecorded Recorded, IReadOnlyList<string?>? Texts);

/// <summary>
/// Reads the words of pseudonymous mention events back from <c>mention_keys</c>, for detection's term counts. A
/// mention whose author was erased gets no text: it still counts, with its stored negativity, but adds no terms.
/// </summary>
public static class MentionTexts
{
    /// <summary>
    /// The batches with their kept texts. One query for all of them, answered in the order asked (no keys to build or
    /// hash: this runs for every mention live detection sees).
    /// </summary>
    public static async Task<IReadOnlyList<MentionsWithTexts>> LoadAsync(
        NpgsqlConnection connection, string schema, IReadOnlyList<MentionsRecorded> batches, CancellationToken cancellationToken)
    {
        var wanted = batches.SelectMany(b => b.Mentions.Select(m => (b.BrandId, Mention: m))).Where(w => w.Mention.Text is null).ToList();
        if (wanted.Count == 0) return [.. batches.Select(b => new MentionsWithTexts(b, null))];
        await using var command = new NpgsqlCommand(
            $"""
            SELECT c.text
            FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS w(platform, post_id, brand_id, n)
            -- The brand's own row: another brand's copy of the same post may have been stored (or erased) otherwise.
            LEFT JOIN {schema}.{PersonalDataTables.Mentions} c ON c.platform = w.platform AND c.post_id = w.post_id AND c.brand_id = w.brand_id
            ORDER BY w.n
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(w => w.Mention.Platform.WireName()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(w => w.Mention.PostId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(w => w.BrandId).ToArray() });
        var found = new string?[wanted.Count];
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            for (var i = 0; await reader.ReadAsync(cancellationToken); i++) found[i] = reader.IsDBNull(0) ? null : reader.GetString(0);
        }

        var result = new List<MentionsWithTexts>(batches.Count);
        var next = 0;
        foreach (var batch in batches)
        {
            var texts = new string?[batch.Mentions.Count];
            for (var i = 0; i < texts.Length; i++) texts[i] = batch.Mentions[i].Text ?? found[next++];
            result.Add(new MentionsWithTexts(batch, texts));
        }
        return result;
    }
}
