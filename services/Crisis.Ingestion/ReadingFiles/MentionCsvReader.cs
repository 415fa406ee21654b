using System.Globalization;
using System.Text;
using Crisis.Contracts.Mentions;
using Crisis.Ingestion.Recording;

namespace Crisis.Ingestion.ReadingFiles;

/// <summary>
/// Reads mentions from RFC 4180 CSV with a header row. Columns (any order, unknown ones ignored):
/// platform, post_id, brand_id, author_handle, author_name, author_followers, text, language, published_at,
/// url, reply_to, quote_of, share_of, sentiment_label, sentiment_score.
/// </summary>
public static class MentionCsvReader
{
    public static readonly string[] Columns =
    [
        "platform", "post_id", "brand_id", "author_handle", "author_name", "author_followers", "text", "language",
        "published_at", "url", "reply_to", "quote_of", "share_of", "sentiment_label", "sentiment_score",
    ];

    private static readonly string[] RequiredColumns = ["platform", "post_id", "brand_id", "author_handle", "text", "published_at"];

    public sealed class MalformedCsvException(string message) : Exception(message);

    public static async IAsyncEnumerable<IReadOnlyList<IntakeItem>> ReadChunksAsync(
        Stream stream, int chunkSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        var records = new CsvRecordReader(reader);
        var header = await records.ReadAsync(cancellationToken)
            ?? throw new MalformedCsvException("the CSV file is empty: a header row is required");
        var index = header.Fields.Select((name, i) => (name: name.Trim().ToLowerInvariant(), i))
            .GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().i);
        var missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToArray();
        if (missing.Length > 0) throw new MalformedCsvException($"the CSV header lacks required columns: {string.Join(", ", missing)}");

        var chunk = new List<IntakeItem>(chunkSize);
        while (await records.ReadAsync(cancellationToken) is { } record)
        {
            if (record.Fields.Count == 1 && string.IsNullOrWhiteSpace(record.Fields[0])) continue;
            chunk.Add(ToItem(record, index, header.Fields.Count));
            if (chunk.Count < chunkSize) continue;
            yield return chunk;
            chunk = new List<IntakeItem>(chunkSize);
        }
        if (chunk.Count > 0) yield return chunk;
    }

    private static IntakeItem ToItem(CsvRecordReader.Record record, Dictionary<string, int> index, int columnCount)
    {
        if (record.Error is { } error) return IntakeItem.Unparsable(record.Line, "$", error);
        if (record.Fields.Count != columnCount)
        {
            return IntakeItem.Unparsable(record.Line, "$", $"has {record.Fields.Count} fields; the header has {columnCount}");
        }
        string? Field(string name) => index.TryGetValue(name, out var i) && record.Fields[i].Length > 0 ? record.Fields[i] : null;

        long? followers = null;
        if (Field("author_followers") is { } followersText)
        {
            if (!long.TryParse(followersText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                return IntakeItem.Unparsable(record.Line, "author.followers", $"'{followersText}' is not a whole number");
            }
            followers = parsed;
        }
        double? sentimentScore = null;
        if (Field("sentiment_score") is { } scoreText)
        {
            if (!double.TryParse(scoreText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return IntakeItem.Unparsable(record.Line, "sentiment.score", $"'{scoreText}' is not a number");
            }
            sentimentScore = parsed;
        }
        var label = Field("sentiment_label");
        return IntakeItem.Parsed(record.Line, new MentionObserved
        {
            Platform = Field("platform"),
            PostId = Field("post_id"),
            BrandId = Field("brand_id"),
            Author = new MentionAuthor { Handle = Field("author_handle"), DisplayName = Field("author_name"), Followers = followers },
            Text = Field("text"),
            Language = Field("language"),
            PublishedAt = Field("published_at"),
            Url = Field("url"),
            ReplyTo = Field("reply_to"),
            QuoteOf = Field("quote_of"),
            ShareOf = Field("share_of"),
            Sentiment = label is null && sentimentScore is null ? null : new MentionSentiment { Label = label, Score = sentimentScore },
        });
    }
}
