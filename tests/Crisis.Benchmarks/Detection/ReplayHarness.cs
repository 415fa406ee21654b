using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Crisis.Detection.Buzz;
using Crisis.Detection.Monitoring;
using Crisis.Detection.Replaying;
using Crisis.Ingestion.Mentions;
using Crisis.Ingestion.Scoring;

namespace Crisis.Benchmarks.Detection;

/// <summary>
/// The replay core without the store: one brand's day of mentions (a bad buzz in the afternoon) as the
/// <c>MentionsRecorded</c> events ingestion stores, another brand's events reduced to their latest publication
/// time, replayed through <see cref="DetectionReplay"/>. Also times deserialising those events from camelCase
/// JSON, the client-side part of reading them. Usage: <c>replay [--mentions N]</c>.
/// </summary>
public static class ReplayHarness
{
    public static int Run(string[] args)
    {
        var count = args.SkipWhile(a => a != "--mentions").Skip(1).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).FirstOrDefault(1_000_000);
        var day = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var stored = Generate(count, day);

        var watch = Stopwatch.StartNew();
        var replayed = DetectionReplay.Run(stored, new MonitorOptions(), new ReplayWindow("brand-00", day, day.AddDays(1)));
        var replay = watch.Elapsed;

        var json = JsonSerializerOptions.Web;
        var texts = stored.OfType<MentionsRecorded>().Select(e => JsonSerializer.Serialize(e, json)).ToList();
        watch.Restart();
        var mentions = 0;
        foreach (var text in texts) mentions += JsonSerializer.Deserialize<MentionsRecorded>(text, json)!.Mentions.Count;
        var read = watch.Elapsed;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {count:N0} | {stored.Count:N0} | {replay.TotalSeconds:F1} s | {count / replay.TotalSeconds:N0} | {replayed.Count} ({replayed.OfType<BuzzEscalated>().Count()} page(s)) | {read.TotalSeconds:F1} s ({mentions:N0} mentions, {texts.Sum(t => (long)t.Length) / 1_000_000} MB) |"));
        return 0;
    }

    /// <summary>One brand's day spread evenly, with a tenfold wave of negative posts at 15:00 for 40 minutes; deliveries of 500 mentions.</summary>
    internal static List<object> Generate(int count, DateTimeOffset day)
    {
        var random = new Random(3);
        var wave = day.AddHours(15);
        var times = new List<DateTimeOffset>(count);
        var ordinary = count * 0.8;
        var step = TimeSpan.FromDays(1).Ticks / ordinary;
        for (var i = 0; i < ordinary; i++) times.Add(day.AddTicks((long)(i * step)));
        var waveStep = TimeSpan.FromMinutes(40).Ticks / (count - times.Count + 1.0);
        for (var i = 0; times.Count < count; i++) times.Add(wave.AddTicks((long)(i * waveStep)));
        times.Sort();
        string[] texts = ["Service client honteux, remboursement refusé #boycott", "Anyone tried their new app?", "Great deal today, love it!", "khedma khayba bzaf 3lach?"];
        var stored = new List<object>();
        foreach (var chunk in times.Chunk(500))
        {
            foreach (var group in chunk.GroupBy(MentionStreams.HourOf))
            {
                stored.Add(new MentionsRecorded(MentionStreams.KeyFor("brand-00", group.Key), "brand-00", group.Key, group.Last(),
                [
                    .. group.Select((t, i) =>
                    {
                        var negative = t >= wave && t < wave.AddMinutes(40) ? random.NextDouble() < 0.9 : random.NextDouble() < 0.15;
                        return new RecordedMention(Platform.X, string.Create(CultureInfo.InvariantCulture, $"{t.UtcTicks}-{i}"), new MentionAuthorProfile($"@u{random.Next(50_000)}", null, random.Next(10, 100_000)),
                            texts[negative ? 0 : 1 + random.Next(3)], null, MentionLanguage.French, t, null, null, null, null, null, negative ? 0.9 : 0.1, negative);
                    }),
                ]));
            }
            stored.Add(new OtherBrandsPublished(chunk[^1]));
        }
        return stored;
    }
}
