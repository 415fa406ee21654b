using System.Globalization;
using Crisis.Cli.Hosting;
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

    /// <summary>For scripts: the bucket, the run's event (type, description, severity) and live's, and whether they are the same facts.</summary>
    public static OutputTable Machine(IReadOnlyList<object> live, IReadOnlyList<object> replayed)
    {
        var table = new OutputTable(new("index", "#"), new("bucket", "bucket"), new("type", "type"), new("decision", "decision"), new("severity", "severity"),
            new("liveType", "live type"), new("live", "live"), new("sameAsLive", "same as live"));
        for (var i = 0; i < Math.Max(live.Count, replayed.Count); i++)
        {
            var r = i < replayed.Count ? replayed[i] : null;
            var l = i < live.Count ? live[i] : null;
            table.Add(i, BuzzEventFacts.BucketOf(r ?? l!), r?.GetType().Name, r is null ? null : BuzzEventFacts.Describe(r), r is null ? null : BuzzEventFacts.SeverityOf(r),
                l?.GetType().Name, l is null ? null : BuzzEventFacts.Describe(l), Same(r, l));
        }
        return table;
    }

    public static string[] Row(IReadOnlyList<object> live, IReadOnlyList<object> replayed, int i)
    {
        var r = i < replayed.Count ? replayed[i] : null;
        var l = i < live.Count ? live[i] : null;
        var shown = r ?? l!;
        return
        [
            BuzzEventFacts.BucketOf(shown).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            Markup.Escape(r is null ? "-" : BuzzEventFacts.Describe(r)),
            (r is null ? null : BuzzEventFacts.SeverityOf(r))?.ToString(CultureInfo.InvariantCulture) ?? "",
            Same(r, l) ? "same" : Markup.Escape(l is null ? "-" : BuzzEventFacts.Describe(l) + " (differs)"),
        ];
    }

    private static bool Same(object? replayed, object? live) =>
        replayed is not null && live is not null && BuzzEventFacts.Text(replayed) == BuzzEventFacts.Text(live);
}
