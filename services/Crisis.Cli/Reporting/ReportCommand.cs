using System.ComponentModel;
using System.Globalization;
using System.Text;
using Crisis.Cli.Hosting;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Summaries;
using Crisis.Detection.Monitoring;
using Crisis.Ingestion.Charting;
using Crisis.Reporting.Measuring;
using Crisis.Reporting.WritingPostMortems;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;
using Microsoft.Extensions.Options;

namespace Crisis.Cli.Reporting;

public sealed class ReportSettings : ReadingSettings
{
    [CommandOption("--incident <ID>")]
    [Description("Incident to write the post-mortem of.")]
    public string Incident { get; init; } = "";

    [CommandOption("--out <FILE>")]
    [Description("HTML file to write, e.g. report.html.")]
    public string Out { get; init; } = "";

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Incident)) return ValidationResult.Error("--incident <ID> is required");
        if (string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("--out <FILE> is required, e.g. --out report.html");
        var directory = Path.GetDirectoryName(Path.GetFullPath(Out));
        if (directory is not null && !Directory.Exists(directory)) return ValidationResult.Error($"--out: directory not found: {directory}");
        return base.Validate();
    }
}

/// <summary>
/// <c>crisis report --incident &lt;id&gt; --out report.html [--locale fr] [--time-zone Europe/Paris]</c>: the same page as
/// <c>GET /api/incidents/{id}/report</c>, from the store, in the reader's language and zone (the terminal's by default).
/// </summary>
public sealed class ReportCommand : AsyncCommand<ReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        using var host = StoreHost.Build(settings);
        var options = new KpiOptions();
        var reader = new IncidentFactsReader(host.Services.GetRequiredService<BrandSeries>(), host.Services.GetRequiredService<IOptions<MonitorOptions>>(), options);
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var now = DateTimeOffset.UtcNow;
        if (await reader.ReadAsync(session, settings.Incident, now, options, cancellationToken) is not { } facts)
        {
            await Console.Error.WriteLineAsync($"no incident '{settings.Incident}' in schema '{settings.Schema}'");
            return 2;
        }
        var brandId = IncidentMeasurement.Fold(facts.Events).BrandId;
        var brand = await session.LoadAsync<Crisis.Ingestion.Brands.BrandProfile>(Crisis.Ingestion.Brands.BrandStreams.KeyFor(brandId), cancellationToken);
        // The desk's section as the API's report has it: the conversations of the incident's own organisation.
        var summary = await session.LoadAsync<IncidentSummary>(IncidentStreams.KeyFor(settings.Incident), cancellationToken);
        var desk = summary is null ? null : await DeskSection.MeasureAsync(session, summary.OrganisationId, settings.Incident, now, cancellationToken);
        var html = PostMortemReport.Render(facts, IncidentMeasurement.Measure(facts, options, now), settings.Reader(Environment.GetEnvironmentVariable), brand?.Name, desk);
        await File.WriteAllTextAsync(settings.Out, html, new UTF8Encoding(false), cancellationToken);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"post-mortem of [bold]{settings.Incident}[/] written to {settings.Out} ({html.Length / 1024} KiB)");
        return 0;
    }
}
