using System.Text;
using System.Text.Json;
using Crisis.Contracts.Mentions;
using Crisis.Ingestion.Recording;

namespace Crisis.Ingestion.ReceivingOverHttp;

/// <summary>
/// Splits a request body (a JSON array, or NDJSON: one object per line) into items, each parsed on its own so
/// that one bad item, even one with broken UTF-8, costs only itself. Also used for NDJSON files.
/// </summary>
public static class MentionBodyReader
{
    /// <summary>Thrown when the body as a whole cannot be read (a JSON array that is not well-formed).</summary>
    public sealed class MalformedBodyException(string message) : Exception(message);

    public static List<IntakeItem> Read(ReadOnlySpan<byte> body)
    {
        var start = SkipWhitespaceAndBom(body);
        return start < body.Length && body[start] == (byte)'[' ? ReadArray(body) : ReadLines(body);
    }

    public static List<IntakeItem> ReadLines(ReadOnlySpan<byte> body)
    {
        var items = new List<IntakeItem>();
        var line = 0;
        while (!body.IsEmpty)
        {
            line++;
            var end = body.IndexOf((byte)'\n');
            var current = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (line == 1) current = current[SkipBom(current)..];
            if (current.Trim((byte)'\r').Trim(" \t"u8).IsEmpty) continue;
            items.Add(ParseItem(current, line));
        }
        return items;
    }

    private static List<IntakeItem> ReadArray(ReadOnlySpan<byte> body)
    {
        var items = new List<IntakeItem>();
        var reader = new Utf8JsonReader(body[SkipBom(body)..], new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var offset = SkipBom(body);
        try
        {
            reader.Read();
            var position = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                position++;
                var itemStart = (int)reader.TokenStartIndex;
                reader.Skip();
                var itemEnd = (int)reader.BytesConsumed;
                items.Add(ParseItem(body.Slice(offset + itemStart, itemEnd - itemStart), position));
            }
            if (reader.Read()) throw new MalformedBodyException($"unexpected content after the closing ']' at byte {offset + reader.TokenStartIndex}");
        }
        catch (JsonException e)
        {
            throw new MalformedBodyException($"the JSON array is not well-formed near byte {offset + reader.BytesConsumed} (line {e.LineNumber + 1}): {FirstSentence(e.Message)}; nothing in this request was stored");
        }
        return items;
    }

    public static IntakeItem ParseItem(ReadOnlySpan<byte> json, int line)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json)) return IntakeItem.Unparsable(line, "$", "is not valid UTF-8");
        try
        {
            var mention = JsonSerializer.Deserialize(json, IngestionJsonContext.Default.MentionObserved);
            return mention is null
                ? IntakeItem.Unparsable(line, "$", "must be a JSON object, not null")
                : IntakeItem.Parsed(line, mention);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
            var reason = e.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? "has the wrong type"
                : $"is not valid JSON: {FirstSentence(e.Message)}";
            return IntakeItem.Unparsable(line, field, reason);
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.', ' ', '|');
    }

    private static int SkipBom(ReadOnlySpan<byte> data) => data.StartsWith("\uFEFF"u8) ? 3 : 0;

    private static int SkipWhitespaceAndBom(ReadOnlySpan<byte> data)
    {
        var i = SkipBom(data);
        while (i < data.Length && data[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return i;
    }
}
