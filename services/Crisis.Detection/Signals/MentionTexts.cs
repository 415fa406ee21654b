using Crisis.Ingestion.Mentions;
using Crisis.PersonalData.Reading;
using Npgsql;

namespace Crisis.Detection.Signals;

/// <summary>A mention batch with the words its event does not carry, in the order of its mentions (null: none kept).</summary>
public sealed record MentionsWithTexts(MentionsRecorded Recorded, IReadOnlyList<string?>? Texts);

/// <summary>
/// Reads the words of pseudonymous mention events back from the personal-data module (<see cref="PostTexts"/>), for
/// detection's term counts. A mention whose author was erased gets no text: it still counts, with its stored
/// negativity, but adds no terms.
/// </summary>
public static class MentionTexts
{
    /// <summary>
    /// The batches with their kept texts, in one query for all of them.
    /// </summary>
    public static async Task<IReadOnlyList<MentionsWithTexts>> LoadAsync(
        NpgsqlConnection connection, string schema, IReadOnlyList<MentionsRecorded> batches, CancellationToken cancellationToken)
    {
        var wanted = batches.SelectMany(b => b.Mentions.Select(m => (b.BrandId, Mention: m))).Where(w => w.Mention.Text is null).ToList();
        if (wanted.Count == 0) return [.. batches.Select(b => new MentionsWithTexts(b, null))];
        var found = await PostTexts.LoadAsync(connection, schema, [.. wanted.Select(w => w.Mention.Platform.WireName())],
            [.. wanted.Select(w => w.Mention.PostId)], [.. wanted.Select(w => w.BrandId)], cancellationToken);

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
