using System.Text;

namespace Crisis.Ingestion.ReadingFiles;

/// <summary>
/// A small RFC 4180 reader: fields separated by commas, optionally quoted with doubled quotes inside, quoted
/// fields may span lines. A broken record (an unclosed quote) is reported on the line where it starts.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields, string? Error);

    private int line;

    public async Task<Record?> ReadAsync(CancellationToken cancellationToken)
    {
        var text = await reader.ReadLineAsync(cancellationToken);
        if (text is null) return null;
        line++;
        var startLine = line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var i = 0;
        while (true)
        {
            if (i >= text.Length)
            {
                if (!inQuotes) break;
                var next = await reader.ReadLineAsync(cancellationToken);
                if (next is null) return new Record(startLine, fields, "has a quoted field that is never closed");
                line++;
                field.Append('\n');
                text = next;
                i = 0;
                continue;
            }
            var c = text[i++];
            if (inQuotes)
            {
                if (c != '"') field.Append(c);
                else if (i < text.Length && text[i] == '"') { field.Append('"'); i++; }
                else inQuotes = false;
            }
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '"' && field.Length == 0) inQuotes = true;
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return new Record(startLine, fields, null);
    }
}
