using System.Globalization;
using System.Text;
using Crisis.Detection.Evaluating.Scenarios;

namespace Crisis.Cli.Evaluating;

/// <summary>One line per generated stream: its truth and what the monitor did, for whoever wants to look closer than the report.</summary>
internal static class ScenarioOutcomesCsv
{
    public static string Write(ScenarioEvaluation evaluation)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder("seed,kind,rate_per_minute,mentions,event_mentions,onset,first_event_page,minutes_to_page,onset_error_minutes,incidents,event_pages,false_pages\n");
        foreach (var o in evaluation.Outcomes)
        {
            var first = o.EventPages.Count > 0 ? o.EventPages[0].EmittedAt.ToString("O", c) : "";
            text.AppendLine(c, $"{o.Stream.Seed},{o.Stream.Kind},{o.Stream.RatePerMinute:F3},{o.Stream.Mentions.Count},{o.Stream.EventMentions},{o.Stream.Onset?.ToString("O", c)},{first},{o.TimeToPage?.TotalMinutes:F1},{o.OnsetError?.TotalMinutes:F1},{o.IncidentsForEvent},{o.EventPages.Count},{o.FalsePages.Count}");
        }
        return text.ToString();
    }
}
