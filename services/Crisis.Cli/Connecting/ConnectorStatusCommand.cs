using System.Globalization;
using Crisis.Cli.Hosting;
using Crisis.Connectors.Cursors;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Connecting;

/// <summary><c>crisis connectors status</c>: where each connector stands and what it has done, from its cursor row.</summary>
public sealed class ConnectorStatusCommand : AsyncCommand<StoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        using var host = StoreHost.Build(settings);
        var cursors = await host.Services.GetRequiredService<ConnectorCursors>().ListAsync(cancellationToken);
        if (cursors.Count == 0)
        {
            AnsiConsole.WriteLine("No connector has run against this store yet.");
            return 0;
        }
        var now = DateTimeOffset.UtcNow;
        string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        var table = new Table().AddColumns("connector", "source", "organisation", "seen", "matched", "sent", "malformed", "errors", "reconnects",
            "last step (UTC)", "lag", "position", "last error");
        foreach (var c in cursors)
        {
            var lag = c.NewestPublishedAt is { } newest ? Lag(now - newest) : "";
            table.AddRow(
                Markup.Escape(c.Name), Markup.Escape(c.Source), Markup.Escape(c.Organisation), Count(c.Seen), Count(c.Matched), Count(c.Sent),
                Count(c.Malformed), Count(c.Errors), Count(c.Reconnects),
                c.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), lag,
                Markup.Escape(Shorten(c.Position ?? "", 40)), Markup.Escape(Shorten(TerminalSafeWriter.Visible(c.LastError ?? ""), 60)));
        }
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine("lag: age of the newest post committed; sent: mentions the intake stored (duplicates excluded).");
        return 0;
    }

    private static string Lag(TimeSpan age) => age.TotalMinutes < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalSeconds:0} s")
        : age.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0} min") : string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0.0} h");

    private static string Shorten(string text, int most) => text.Length <= most ? text : string.Concat(text.AsSpan(0, most - 1), "…");
}
