using Crisis.Cli.Hosting;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Summaries;
using Crisis.Ingestion.Brands;
using Crisis.Reporting.TellingTheStory;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace Crisis.Cli.Incidents;

/// <summary>
/// <c>crisis incidents</c>: every incident told in the reader's language and zone (<see cref="IncidentStory"/>): what was
/// detected when, who was paged, who has it, what the playbook asks next, what happened. Read from the store (an
/// operator tool: it needs database credentials); the demo prints it as its summary.
/// </summary>
public sealed class IncidentsCommand : AsyncCommand<ReadingSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReadingSettings settings, CancellationToken cancellationToken)
    {
        var reader = settings.Reader(Environment.GetEnvironmentVariable);
        using var host = StoreHost.Build(settings);
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var incidents = await session.Query<IncidentSummary>().OrderBy(i => i.OpenedAt).ToListAsync(cancellationToken);
        if (incidents.Count == 0) Console.WriteLine(reader.T("story.none"));
        var now = DateTimeOffset.UtcNow;
        foreach (var incident in incidents)
        {
            var events = await session.Events.FetchStreamAsync(incident.Id, token: cancellationToken);
            var brand = await session.LoadAsync<BrandProfile>(BrandStreams.KeyFor(incident.BrandId), cancellationToken);
            foreach (var line in IncidentStory.Tell([.. events.Select(e => e.Data).OfType<IncidentEvent>()], brand?.Name, now, reader)) Console.WriteLine(line);
            Console.WriteLine();
        }
        return 0;
    }
}
