using System.Text;

namespace Crisis.Cli.Hosting;

/// <summary>
/// Standard output and error as a terminal can safely show them: stored text (incident titles, notes, author names)
/// came from callers, and an escape sequence in it would recolour, retitle or clear the terminal of whoever runs the
/// command. Control characters other than tab and line breaks are printed as visible <c>\u001B</c>-style escapes.
/// </summary>
public sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public static void Install()
    {
        // Spectre.Console draws progress bars and colours with escape sequences of its own: it keeps the raw streams.
        Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(Console.Out),
        });
        var profile = Spectre.Console.AnsiConsole.Profile;
        profile.Width = TerminalWidth.Resolve(Environment.GetEnvironmentVariable("COLUMNS"), Console.IsOutputRedirected, profile.Width);
        Console.SetOut(new TerminalSafeWriter(Console.Out));
        Console.SetError(new TerminalSafeWriter(Console.Error));
    }

    public static bool IsUnsafe(char c) => (c < 0x20 && c is not '\n' and not '\r' and not '\t') || (c >= 0x7F && c <= 0x9F);

    public static string Visible(string text)
    {
        if (!text.Any(IsUnsafe)) return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text) builder.Append(IsUnsafe(c) ? $"\\u{(int)c:X4}" : c.ToString());
        return builder.ToString();
    }

    public override void Write(char value)
    {
        if (IsUnsafe(value)) inner.Write($"\\u{(int)value:X4}");
        else inner.Write(value);
    }

    public override void Write(string? value) => inner.Write(value is null ? null : Visible(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Visible(value));

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
