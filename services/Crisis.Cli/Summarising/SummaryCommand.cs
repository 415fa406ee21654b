using System.Globalization;
using Crisis.Cli.Hosting;
using Crisis.Ingestion.Summarising;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace Crisis.Cli.Summarising;

/// <summary><c>crisis mentions summary</c>: what the store holds, per brand.</summary>
public sealed class SummaryCommand : AsyncCommand<TableSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TableSettings settings, CancellationToken cancellationToken)
    {
        using var host = StoreHost.Build(settings);
        var summaries = await host.Services.GetRequiredService<MentionSummary>().ByBrandAsync(cancellationToken);
        var table = new OutputTable(new("brand", "brand"), new("mentions", "mentions"), new("firstPublished", "first published (UTC)"),
            new("lastPublished", "last published (UTC)"), new("authors", "authors"), new("negativeShare", "negative share (of the scored)"), new("languages", "languages"));
        foreach (var s in summaries)
        {
            // A share in a table reads as a percentage; JSON and CSV carry the fraction (0.25), null when nothing was scored.
            object? negative = s.Scored == 0 ? null : settings.Format == OutputFormat.Table
                ? (s.Negative / (double)s.Scored).ToString("P0", CultureInfo.InvariantCulture)
                : s.Negative / (double)s.Scored;
            var languages = string.Join(" ", s.Languages.OrderByDescending(l => l.Value).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key}:{l.Value}")));
            table.Add(s.BrandId, s.Mentions, s.FirstPublished, s.LastPublished, s.Authors, negative, languages);
        }
        table.Write(settings.Format, Console.Out);
        return 0;
    }
}
