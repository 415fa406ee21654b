using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using ReportCsv = Crisis.Reporting.Measuring.Csv;
using Spectre.Console.Cli;

namespace Crisis.Cli.Hosting;

/// <summary>How a table command writes its rows: a table that fits the terminal for people, JSON or CSV for scripts.</summary>
public enum OutputFormat
{
    Table,
    Json,
    Csv,
}

/// <summary>Options of a store command that prints a table: <c>--output table|json|csv</c>.</summary>
public class TableSettings : StoreSettings
{
    [CommandOption("--output <FORMAT>")]
    [Description(OutputOption.Description)]
    public string Output { get; init; } = "table";

    public OutputFormat Format => OutputOption.Parse(Output);

    public override Spectre.Console.ValidationResult Validate() => OutputOption.Check(Output) ?? base.Validate();
}

/// <summary>A column: its machine name (JSON property, CSV header) and what people read above it in a table.</summary>
public sealed record OutputColumn(string Name, string Header);

/// <summary>
/// Rows of typed values written as a table for people (values formatted, times in UTC with their dates) or as JSON and
/// CSV for scripts (numbers as numbers, times as ISO 8601 with offset, absent values as null or an empty cell).
/// Values are never markup: stored text is escaped in the table, and JSON and CSV carry it as it is.
/// </summary>
public sealed class OutputTable(params OutputColumn[] columns)
{
    private readonly List<object?[]> rows = [];

    public OutputTable Add(params object?[] values)
    {
        if (values.Length != columns.Length) throw new ArgumentException($"a row needs {columns.Length} values, not {values.Length}", nameof(values));
        rows.Add(values);
        return this;
    }

    public void Write(OutputFormat format, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(Json());
                break;
            case OutputFormat.Csv:
                output.Write(Csv());
                break;
            default:
                var table = new Table().AddColumns([.. columns.Select(c => Markup.Escape(c.Header))]);
                // Spectre writes to the raw stream: stored text's control characters are made visible here (TerminalSafeWriter).
                foreach (var row in rows) table.AddRow([.. row.Select(v => Markup.Escape(TerminalSafeWriter.Visible(Human(v))))]);
                AnsiConsole.Write(table);
                break;
        }
    }

    public string Json()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < columns.Length; i++)
                {
                    json.WritePropertyName(columns[i].Name);
                    switch (row[i])
                    {
                        case null: json.WriteNullValue(); break;
                        case int n: json.WriteNumberValue(n); break;
                        case long n: json.WriteNumberValue(n); break;
                        case double d: json.WriteNumberValue(Math.Round(d, 4)); break;
                        case bool b: json.WriteBooleanValue(b); break;
                        case DateTimeOffset t: json.WriteStringValue(t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)); break;
                        case var v: json.WriteStringValue(Convert.ToString(v, CultureInfo.InvariantCulture)); break;
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public string Csv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', columns.Select(c => ReportCsv.Cell(c.Name))).Append('\n');
        // Stored text may start like a formula (= + - @): defused as the reports' CSV does; numbers and times never need it.
        foreach (var row in rows) csv.AppendJoin(',', row.Select(v => ReportCsv.Cell(v is string text ? ReportCsv.Text(text) : Machine(v)))).Append('\n');
        return csv.ToString();
    }

    private static string Machine(object? value) => value switch
    {
        null => "",
        double d => Math.Round(d, 4).ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Human(object? value) => value switch
    {
        null => "",
        int n => n.ToString("N0", CultureInfo.InvariantCulture),
        long n => n.ToString("N0", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
