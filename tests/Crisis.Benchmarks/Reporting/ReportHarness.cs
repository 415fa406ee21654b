using System.Diagnostics;
using System.Globalization;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.Noting;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.RecordingResponses;
using Crisis.CrisisCell.Playbooks;
using Crisis.Ingestion.Charting;
using Crisis.Reporting.Measuring;
using Crisis.Reporting.WritingPostMortems;

namespace Crisis.Benchmarks.Reporting;

/// <summary>
/// The KPIs and the post-mortem page of one incident, from facts already read: curves of 1, 7 and 31 days of
/// 1-minute buckets (31 days is the longest a series read covers), 500 incident events with 20 public responses.
/// Usage: <c>reporting [--repeat N]</c>; prints one markdown row per curve length (median of N runs).
/// </summary>
public static class ReportHarness
{
    public static int Run(string[] args)
    {
        var repeat = args.SkipWhile(a => a != "--repeat").Skip(1).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).FirstOrDefault(5);
        foreach (var days in new[] { 1, 7, 31 })
        {
            var facts = Facts(days);
            var measure = new List<double>();
            var render = new List<double>();
            var size = 0;
            for (var i = 0; i < repeat; i++)
            {
                var watch = Stopwatch.StartNew();
                var kpis = IncidentMeasurement.Measure(facts, new KpiOptions(), facts.Series.To);
                measure.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                size = PostMortemReport.Render(facts, kpis).Length;
                render.Add(watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {days} d | {facts.Series.Points.Count:N0} | {facts.Events.Count} | {Median(measure):F1} ms | {Median(render):F1} ms | {size / 1024:N0} KiB |"));
        }
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static IncidentFacts Facts(int days)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var onset = start.AddHours(2);
        var detected = onset.AddMinutes(5);
        var random = new Random(11);
        var points = new List<SeriesPoint>();
        for (var at = start; at < start.AddDays(days); at = at.AddMinutes(1))
        {
            var loud = at >= onset && at < onset.AddHours(3);
            var mentions = loud ? random.Next(80, 120) : random.Next(0, 8);
            var scored = mentions * 9 / 10;
            points.Add(new SeriesPoint(at, mentions, scored, loud ? scored * 8 / 10 : scored / 5));
        }
        var stages = new List<ScheduledStage>
        {
            new("respond", "Respond", "", detected.AddMinutes(30), []),
            new("be-transparent", "Be transparent", "", detected.AddHours(2), []),
            new("acknowledge", "Acknowledge", "", detected.AddHours(6), []),
        };
        var events = new List<IncidentEvent>
        {
            new IncidentOpened("inc", "org", "brand", "Bad buzz on brand", IncidentSource.Buzz, "brand/ep", "esc", 7, onset, detected,
                IncidentEvidence.None, stages, null, "system:detector", detected),
            new IncidentAcknowledged("inc", "alice", detected.AddMinutes(4)),
        };
        for (var i = 0; i < 20; i++)
        {
            events.Add(new PublicResponseRecorded("inc", "x", new Uri($"https://x.com/brand/status/{i}"), "نعتذر، نحن نتابع الموضوع <b>", "ar",
                detected.AddMinutes(10 + i * 9), "alice", detected.AddMinutes(11 + i * 9)));
        }
        while (events.Count < 500) events.Add(new NoteAdded("inc", $"n{events.Count}", "Checked the forum threads & replied", "bob", detected.AddMinutes(events.Count)));
        return new IncidentFacts(events, [], new BrandSeriesResult("brand", start, start.AddDays(days), 1, points));
    }
}
