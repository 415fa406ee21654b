using System.Globalization;
using Crisis.Cli.Hosting;
using Crisis.Detection.Buzz;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Watching;

/// <summary><c>crisis buzz</c>: every brand's buzz state and the pages the detector raised, from the store.</summary>
public sealed class BuzzCommand : AsyncCommand<StoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        using var host = StoreHost.Build(settings);
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var states = await session.Query<BuzzState>().OrderBy(s => s.BrandId).ToListAsync(cancellationToken);
        var table = new Table().AddColumns("brand", "phase", "severity", "episodes", "last page (detected at, UTC)", "positive spike");
        foreach (var s in states)
        {
            table.AddRow(Markup.Escape(s.BrandId), s.Phase.ToString(), s.Severity.ToString(CultureInfo.InvariantCulture),
                s.Episodes.ToString(CultureInfo.InvariantCulture),
                s.LastEscalation is { } e ? string.Create(CultureInfo.InvariantCulture, $"{e.Kind} {e.Phase} sev {e.Severity} at {e.DetectedAt.UtcDateTime:yyyy-MM-dd HH:mm}") : "none",
                s.LastPositiveSpike is { } p ? string.Create(CultureInfo.InvariantCulture, $"from {p.Onset.UtcDateTime:HH:mm}, paged nobody") : "");
        }
        AnsiConsole.Write(table);

        var pages = await session.Events.QueryRawEventDataOnly<BuzzEscalated>().ToListAsync(cancellationToken);
        foreach (var page in pages.OrderBy(p => p.DetectedAt))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{page.BrandId}: {page.Kind} ({page.Phase}, severity {page.Severity}) detected at {page.DetectedAt.UtcDateTime:HH:mm}, {(page.DetectedAt - page.Onset).TotalMinutes:F0} min after the episode's first bucket {page.Onset.UtcDateTime:HH:mm}; top terms: {string.Join(", ", page.Evidence.TopTerms.Take(5).Select(t => t.Term))}"));
        }
        return 0;
    }
}
