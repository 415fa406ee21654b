using Spectre.Console;

namespace Crisis.Cli.Hosting;

/// <summary>
/// The <c>--output table|json|csv</c> rule, one for every command that prints rows: those on the store derive from
/// <see cref="TableSettings"/>; those on the API or the broker declare the option and check it here.
/// </summary>
public static class OutputOption
{
    public const string Description = "table (default: fits the terminal, or COLUMNS), json (an array of objects) or csv (a header row, then one row per line), for scripts.";

    public static bool IsValid(string output) => output.ToLowerInvariant() is "table" or "json" or "csv";

    /// <summary>Null when the value is one of the three; else the refusal, naming the option as the user typed it.</summary>
    public static ValidationResult? Check(string output, string option = "--output") =>
        IsValid(output) ? null : ValidationResult.Error($"{option}: '{TerminalSafeWriter.Visible(output)}' must be table, json or csv");

    public static OutputFormat Parse(string output) => IsValid(output) ? Enum.Parse<OutputFormat>(output, ignoreCase: true) : OutputFormat.Table;
}
