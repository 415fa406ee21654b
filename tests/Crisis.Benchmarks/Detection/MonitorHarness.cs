using System.Diagnostics;
using System.Globalization;
using Crisis.Detection.Monitoring;
using Crisis.Detection.Signals;
using Crisis.Ingestion.Scoring;

namespace Crisis.Benchmarks.Detection;

/// <summary>
/// Live detection's own cost, without the store: mentions of 10 brands over two days fed to the BuzzMonitor in
/// pages, as the daemon feeds it. Usage: <c>monitor [--mentions N]</c>.
/// </summary>
public static class MonitorHarness
{
    public static int Run(string[] args)
    {
        var count = args.SkipWhile(a => a != "--mentions").Skip(1).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).FirstOrDefault(1_000_000);
        var random = new Random(3);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromDays(2).Ticks / count;
        string[] texts = ["Service client honteux, remboursement refusé #boycott", "خدمة سيئة جدا، لا أحد يجيب", "Great deal today, love it!", "khedma khayba bzaf 3lach?"];
        var signals = Enumerable.Range(0, count).Select(i => new MentionSignal(
            $"brand-{i % 10:D2}", "x", i.ToString(CultureInfo.InvariantCulture), start.AddTicks(i * step), $"@u{random.Next(50_000)}",
            random.Next(10, 100_000), texts[i % texts.Length], MentionLanguage.French, i % 3 == 0)).ToArray();

        var monitor = new BuzzMonitor(new MonitorOptions());
        var watch = Stopwatch.StartNew();
        var events = 0;
        foreach (var page in signals.Chunk(5_000)) events += monitor.Observe(page).Count;
        var observe = watch.Elapsed;
        watch.Restart();
        foreach (var brand in monitor.Brands) brand.Snapshot();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} mentions, 10 brands, 2 days: {count / observe.TotalSeconds:N0} mentions/s through the monitor ({events} buzz events); snapshot of all brands {watch.Elapsed.TotalMilliseconds:F1} ms"));
        return 0;
    }
}
