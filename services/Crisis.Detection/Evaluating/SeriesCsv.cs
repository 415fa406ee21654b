using System.Globalization;

namespace Crisis.Detection.Evaluating;

/// <summary>
/// Reads and writes volume series as CSV: a header <c>timestamp,value</c> or <c>timestamp,value,negative</c>,
/// then one row per bucket in strictly increasing time order. Numbers use the invariant culture.
/// </summary>
public static class SeriesCsv
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm",
    ];

    /// <summary>Reads a whole series file.</summary>
    /// <exception cref="SeriesFormatException">Missing file, bad header, unparsable row or non-increasing timestamps.</exception>
    public static IReadOnlyList<SeriesRow> Read(string path)
    {
        if (!File.Exists(path)) throw new SeriesFormatException($"{path}: file not found");
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a series from text; <paramref name="source"/> prefixes error messages.</summary>
    public static IReadOnlyList<SeriesRow> Read(TextReader reader, string source)
    {
        var header = reader.ReadLine() ?? throw new SeriesFormatException($"{source}: line 1: empty file, expected header 'timestamp,value[,negative]'");
        var columns = header.Trim().TrimStart('\uFEFF').Split(',');
        var hasNegative = columns.Length == 3 && columns[2].Trim() == "negative";
        if (columns.Length is < 2 or > 3 || columns[0].Trim() != "timestamp" || columns[1].Trim() != "value" || (columns.Length == 3 && !hasNegative))
            throw new SeriesFormatException($"{source}: line 1: header must be 'timestamp,value' or 'timestamp,value,negative', was '{header}'");

        var rows = new List<SeriesRow>();
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != columns.Length)
                throw new SeriesFormatException($"{source}: line {lineNumber}: expected {columns.Length} fields, found {fields.Length}");
            var timestampText = fields[0].Trim();
            if (!DateTimeOffset.TryParseExact(timestampText, TimestampFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
                throw new SeriesFormatException($"{source}: line {lineNumber}: field 'timestamp' is not a timestamp (yyyy-MM-dd HH:mm:ss): '{timestampText}'");
            var value = ParseCount(fields[1], "value", source, lineNumber);
            double? negative = hasNegative ? ParseCount(fields[2], "negative", source, lineNumber) : null;
            if (rows.Count > 0 && timestamp <= rows[^1].Timestamp)
                throw new SeriesFormatException($"{source}: line {lineNumber}: field 'timestamp' {timestampText} is not after the previous row's {rows[^1].TimestampText}");
            rows.Add(new SeriesRow(lineNumber, timestampText, timestamp, value, fields[1].Trim(), negative));
        }
        return rows;
    }

    private static double ParseCount(string text, string field, string source, int line)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
            throw new SeriesFormatException($"{source}: line {line}: field '{field}' is not a non-negative number: '{text.Trim()}'");
        return value;
    }

    /// <summary>
    /// The bucket size the timestamps imply: the most common gap between consecutive rows (gaps from
    /// missing buckets are multiples of it and lose the vote).
    /// </summary>
    public static TimeSpan InferBucketSize(IReadOnlyList<SeriesRow> rows)
    {
        if (rows.Count < 2) throw new SeriesFormatException("cannot infer the bucket size from fewer than two rows; pass it explicitly");
        var counts = new Dictionary<long, int>();
        for (var i = 1; i < rows.Count; i++)
        {
            var gap = (rows[i].Timestamp - rows[i - 1].Timestamp).Ticks;
            counts[gap] = counts.GetValueOrDefault(gap) + 1;
        }
        var best = counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key).First().Key;
        return TimeSpan.FromTicks(best);
    }
}
