using System.Globalization;
using Crisis.Cli.Hosting;
using Crisis.Connectors.Cursors;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Connecting;

/// <summary><c>crisis connectors status</c>: where each connector stands and what it has done, from its cursor row.</summary>
public sealed class ConnectorStatusCommand : AsyncCommand<TableSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TableSettings settings, CancellationToken cancellationToken)
    {
        using var host = StoreHost.Build(settings);
        var cursors = await host.Services.GetRequiredService<ConnectorCursors>().ListAsync(cancellationToken);
        if (cursors.Count == 0 && settings.Format == OutputFormat.Table)
        {
            AnsiConsole.WriteLine("No connector has run against this store yet.");
            return 0;
        }
        var now = DateTimeOffset.UtcNow;
        var people = settings.Format == OutputFormat.Table;
        var table = new OutputTable(new("connector", "connector"), new("source", "source"), new("organisation", "organisation"), new("seen", "seen"),
            new("matched", "matched"), new("sent", "sent"), new("malformed", "malformed"), new("errors", "errors"), new("reconnects", "reconnects"),
            new("lastStep", "last step (UTC)"), new(people ? "lag" : "lagSeconds", "lag"), new("position", "position"), new("lastError", "last error"));
        foreach (var c in cursors)
        {
            // People read a lag and shortened texts; scripts get the seconds and the whole texts.
            object? lag = c.NewestPublishedAt is { } newest ? people ? Lag(now - newest) : Math.Round((now - newest).TotalSeconds) : null;
            table.Add(c.Name, c.Source, c.Organisation, c.Seen, c.Matched, c.Sent, c.Malformed, c.Errors, c.Reconnects, c.UpdatedAt, lag,
                people ? Shorten(c.Position ?? "", 40) : c.Position, people ? Shorten(c.LastError ?? "", 60) : c.LastError);
        }
        table.Write(settings.Format, Console.Out);
        if (!people) return 0;
        AnsiConsole.WriteLine("lag: age of the newest post committed; sent: mentions the intake stored (duplicates excluded).");
        return 0;
    }

    private static string Lag(TimeSpan age) => age.TotalMinutes < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalSeconds:0} s")
        : age.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0} min") : string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0.0} h");

    private static string Shorten(string text, int most) => text.Length <= most ? text : string.Concat(text.AsSpan(0, most - 1), "…");
}
