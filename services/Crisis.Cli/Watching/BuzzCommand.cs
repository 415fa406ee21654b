using System.Globalization;
using Crisis.Cli.Hosting;
using Crisis.Detection.Buzz;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace Crisis.Cli.Watching;

/// <summary><c>crisis buzz</c>: every brand's buzz state and the pages the detector raised, from the store.</summary>
public sealed class BuzzCommand : AsyncCommand<TableSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TableSettings settings, CancellationToken cancellationToken)
    {
        using var host = StoreHost.Build(settings);
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var states = await session.Query<BuzzState>().OrderBy(s => s.BrandId).ToListAsync(cancellationToken);
        var table = new OutputTable(new("brand", "brand"), new("phase", "phase"), new("severity", "severity"), new("episodes", "episodes"),
            new("lastPageKind", "last page"), new("lastPageSeverity", "its severity"), new("lastPageDetectedAt", "detected at (UTC, event time)"),
            new("lastPositiveSpikeOnset", "positive spike from (UTC, event time; paged nobody)"));
        foreach (var s in states)
        {
            table.Add(s.BrandId, s.Phase.ToString(), s.Severity, s.Episodes, s.LastEscalation?.Kind.ToString(), s.LastEscalation?.Severity,
                s.LastEscalation?.DetectedAt, s.LastPositiveSpike?.Onset);
        }
        table.Write(settings.Format, Console.Out);
        // The pages' story is for people; a script reads the table.
        if (settings.Format != OutputFormat.Table) return 0;

        var pages = await session.Events.QueryRawEventDataOnly<BuzzEscalated>().ToListAsync(cancellationToken);
        foreach (var page in pages.OrderBy(p => p.DetectedAt))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{page.BrandId}: {page.Kind} ({page.Phase}, severity {page.Severity}) detected at {page.DetectedAt.UtcDateTime:HH:mm}, {(page.DetectedAt - page.Onset).TotalMinutes:F0} min after the episode's first bucket {page.Onset.UtcDateTime:HH:mm}; top terms: {string.Join(", ", page.Evidence.TopTerms.Take(5).Select(t => t.Term))}"));
        }
        return 0;
    }
}
