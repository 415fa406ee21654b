using System.Globalization;
using Crisis.Cli.Hosting;
using Crisis.Ingestion.Summarising;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Summarising;

/// <summary><c>crisis mentions summary</c>: what the store holds, per brand.</summary>
public sealed class SummaryCommand : AsyncCommand<StoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        using var host = StoreHost.Build(settings);
        var summaries = await host.Services.GetRequiredService<MentionSummary>().ByBrandAsync(cancellationToken);
        var table = new Table().AddColumns("brand", "mentions", "first published (UTC)", "last published (UTC)", "authors", "negative share", "languages");
        foreach (var s in summaries)
        {
            var negative = s.Scored == 0 ? "not scored" : (s.Negative / (double)s.Scored).ToString("P0", CultureInfo.InvariantCulture);
            var languages = string.Join(", ", s.Languages.OrderByDescending(l => l.Value).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key} {l.Value}")));
            table.AddRow(
                Markup.Escape(s.BrandId), s.Mentions.ToString("N0", CultureInfo.InvariantCulture),
                s.FirstPublished?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                s.LastPublished?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                s.Authors.ToString("N0", CultureInfo.InvariantCulture), negative, Markup.Escape(languages));
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
