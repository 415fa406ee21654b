using System.Text.Json;

namespace Crisis.Cli.Scoring;

/// <summary>
/// Reads the texts of a mentions file, one per row, in order: a TSV with a header holding a `text` column
/// (split on tab, no quoting), or NDJSON with one object per line carrying a "text" field. Errors name the
/// file, line and field, because operators fix the file by hand.
/// </summary>
public static class MentionFile
{
    public static bool IsNdjson(string path) =>
        Path.GetExtension(path).ToUpperInvariant() is ".NDJSON" or ".JSONL" or ".JSON";

    public static IEnumerable<string?> ReadTexts(string path) => IsNdjson(path) ? ReadNdjson(path) : ReadTsv(path);

    private static IEnumerable<string?> ReadTsv(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{path}: the file is empty; expected a header line with a 'text' column");
        var columns = header.Split('\t');
        var text = Array.IndexOf(columns, "text");
        if (text < 0)
        {
            throw new InvalidDataException($"{path}:1: the header has no 'text' column (columns: {string.Join(", ", columns)})");
        }

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var fields = line.Split('\t');
            if (fields.Length != columns.Length)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {fields.Length} tab-separated fields, the header has {columns.Length}");
            }

            yield return fields[text];
        }
    }

    private static IEnumerable<string?> ReadNdjson(string path)
    {
        using var reader = new StreamReader(path);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return TextOf(line, $"{path}:{lineNumber}");
        }
    }

    private static string? TextOf(string line, string where)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: not a JSON object ({e.Message})", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{where}: expected a JSON object with a \"text\" field, got {document.RootElement.ValueKind}");
            }

            if (!document.RootElement.TryGetProperty("text", out var text))
            {
                throw new InvalidDataException($"{where}: the object has no \"text\" field");
            }

            return text.ValueKind switch
            {
                JsonValueKind.String => text.GetString(),
                JsonValueKind.Null => null,
                _ => throw new InvalidDataException($"{where}: field \"text\" must be a string, got {text.ValueKind}"),
            };
        }
    }
}
