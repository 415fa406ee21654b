using System.Globalization;

namespace Crisis.Cli.Hosting;

/// <summary>
/// How wide the CLI's tables are drawn. Spectre.Console takes 80 columns whenever output is not a terminal, so a table piped
/// to a file or to <c>less</c> wrapped every row; and it ignored <c>COLUMNS</c>. Now: <c>COLUMNS</c> when it holds a
/// sensible width (what shells export and what users set), else the terminal's own width, else, when piped, wide enough that
/// rows stay whole (<see cref="Piped"/>).
/// </summary>
public static class TerminalWidth
{
    public const int Piped = 240;
    private const int Narrowest = 20;
    private const int Widest = 1000;

    public static int Resolve(string? columns, bool outputRedirected, int detected)
    {
        if (int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width is >= Narrowest and <= Widest)
            return width;
        return outputRedirected ? Piped : detected;
    }
}
