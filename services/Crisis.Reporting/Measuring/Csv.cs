using System.Globalization;
using System.Text;

namespace Crisis.Reporting.Measuring;

/// <summary>RFC 4180 CSV cells, with text that a spreadsheet would run as a formula defused.</summary>
public static class Csv
{
    public static string Row(params string?[] cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    /// <summary>User text (stage names, URLs) could start with = + - @: a leading apostrophe keeps it text in a spreadsheet.</summary>
    public static string Text(string? value) =>
        value is { Length: > 0 } && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value ?? "";

    public static string Number(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";

    public static string Time(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) ?? "";

    /// <summary>One cell as RFC 4180 has it: quoted, its quotes doubled, when it holds a comma, a quote or a line break.</summary>
    public static string Cell(string? value)
    {
        value ??= "";
        if (value.IndexOfAny([',', '"', '\r', '\n']) < 0) return value;
        return new StringBuilder("\"").Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
