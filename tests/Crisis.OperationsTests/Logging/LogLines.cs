using System.Text.RegularExpressions;

namespace Crisis.OperationsTests.Logging;

/// <summary>One entry of a host's console log: its level, category and text (first line and what follows, such as a stack trace).</summary>
public sealed record LogLine(string Level, string Category, string Text)
{
    public bool IsError => Level is "fail" or "crit";

    public override string ToString() => $"{Level}: {Category}: {Text}";
}

/// <summary>
/// Reads the console logger's default format ("warn: Category[event id]" then indented lines) back into entries:
/// what an operator would read on the node, which is what these specs judge.
/// </summary>
public static partial class LogLines
{
    public static IReadOnlyList<LogLine> Parse(string output)
    {
        var lines = new List<LogLine>();
        string? level = null, category = null;
        var text = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            var start = Header().Match(line);
            if (start.Success)
            {
                Flush();
                (level, category) = (start.Groups[1].Value, start.Groups[2].Value);
            }
            else if (level is not null)
            {
                text.Add(line.Trim());
            }
        }
        Flush();
        return lines;

        void Flush()
        {
            if (level is not null) lines.Add(new LogLine(level, category!, string.Join('\n', text).Trim()));
            text.Clear();
            level = null;
        }
    }

    /// <summary>Entries at warning level or above.</summary>
    public static IReadOnlyList<LogLine> WarningsAndErrors(string output) =>
        [.. Parse(output).Where(l => l.Level is "warn" or "fail" or "crit")];

    [GeneratedRegex(@"^(trce|dbug|info|warn|fail|crit): ([^\[]+)\[\d+\]")]
    private static partial Regex Header();
}
