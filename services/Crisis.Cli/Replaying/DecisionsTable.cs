using System.Globalization;
using Crisis.Detection.Replaying;
using Spectre.Console;

namespace Crisis.Cli.Replaying;

/// <summary>Buzz events side by side, one row per position: the bucket, what the run decided, and live's event where it differs.</summary>
public static class DecisionsTable
{
    public static Table Rows(IReadOnlyList<object> live, IReadOnlyList<object> replayed, string replayedTitle)
    {
        var table = new Table().AddColumns("bucket (UTC)", replayedTitle, "severity", "live");
        for (var i = 0; i < Math.Max(live.Count, replayed.Count); i++) table.AddRow(Row(live, replayed, i));
        return table;
    }

    public static string[] Row(IReadOnlyList<object> live, IReadOnlyList<object> replayed, int i)
    {
        var r = i < replayed.Count ? replayed[i] : null;
        var l = i < live.Count ? live[i] : null;
        var same = r is not null && l is not null && BuzzEventFacts.Text(r) == BuzzEventFacts.Text(l);
        var shown = r ?? l!;
        return
        [
            BuzzEventFacts.BucketOf(shown).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            Markup.Escape(r is null ? "-" : BuzzEventFacts.Describe(r)),
            (r is null ? null : BuzzEventFacts.SeverityOf(r))?.ToString(CultureInfo.InvariantCulture) ?? "",
            same ? "same" : Markup.Escape(l is null ? "-" : BuzzEventFacts.Describe(l) + " (differs)"),
        ];
    }
}
