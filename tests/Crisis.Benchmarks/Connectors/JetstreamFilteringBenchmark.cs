using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Crisis.Connectors.Querying;
using Crisis.Connectors.Running;
using Crisis.Connectors.Sources.Bluesky;

namespace Crisis.Benchmarks.Connectors;

/// <summary>
/// What a Bluesky connector spends per Jetstream event on one core (the process is pinned to CPU 0): read the JSON
/// frame and match the post against 1,000 brand queries. The frames are generated in Jetstream's shape: 90 % posts of 8
/// to 40 words from a 5,000-word vocabulary (English, French, Arabic and Arabizi-like words), 1 % of them naming a brand,
/// and 10 % other events (likes). Each query is written as a user would: the name, a phrase, a #tag, an @handle,
/// exclusions, and a lang: filter on one in five. Events per second = 1e9 / mean ns.
/// </summary>
[Config(typeof(OneCoreConfig))]
[MemoryDiagnoser]
public class JetstreamFilteringBenchmark
{
    public const int Frames = 20_000;
    private const int Brands = 1_000;

    private byte[][] frames = [];
    private BrandMatcher matcher = null!;
    private readonly List<string> matched = [];

    [GlobalSetup]
    public void Generate()
    {
        var random = new Random(15);
        string Word(int syllables) => string.Concat(Enumerable.Range(0, syllables).Select(_ => Syllables[random.Next(Syllables.Length)]));
        var vocabulary = Enumerable.Range(0, 5_000).Select(i => i % 10 == 0 ? ArabicWords[random.Next(ArabicWords.Length)] + ArabicWords[random.Next(ArabicWords.Length)] : Word(random.Next(1, 4))).ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < Brands) names.Add(Word(3) + "x");
        var brandNames = names.ToArray();
        matcher = new BrandMatcher(brandNames.Select((name, i) => new BrandQuery($"b{i}", QueryParser.Parse(
            $"({name} OR \"{name} {vocabulary[i]}\" OR #{name}fail OR @{name}.bsky.social) -job -\"we are hiring\"{(i % 5 == 0 ? " lang:fr" : "")}"))));

        frames = new byte[Frames][];
        for (var f = 0; f < Frames; f++)
        {
            var timeUs = 1_765_094_400_000_000 + f * 500L;
            if (f % 10 == 9)
            {
                frames[f] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
                {
                    did = $"did:plc:liker{f % 977}", time_us = timeUs, kind = "commit",
                    commit = new { rev = "r", operation = "create", collection = "app.bsky.feed.like", rkey = $"l{f}", record = new Dictionary<string, object> { ["$type"] = "app.bsky.feed.like", ["createdAt"] = "2025-12-07T08:00:00.000Z" }, cid = "c" },
                }));
                continue;
            }
            var words = Enumerable.Range(0, random.Next(8, 41)).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToList();
            if (random.Next(100) == 0) words.Insert(random.Next(words.Count), brandNames[random.Next(Brands)]);
            frames[f] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
            {
                did = $"did:plc:author{f % 4099}", time_us = timeUs, kind = "commit",
                commit = new
                {
                    rev = "r", operation = "create", collection = "app.bsky.feed.post", rkey = $"p{f}",
                    record = new Dictionary<string, object>
                    {
                        ["$type"] = "app.bsky.feed.post", ["createdAt"] = "2025-12-07T08:00:00.000Z",
                        ["langs"] = new[] { f % 3 == 0 ? "fr" : "en" }, ["text"] = string.Join(' ', words),
                    },
                    cid = "c",
                },
            }));
        }
    }

    [Benchmark(Description = "read and match one Jetstream event", OperationsPerInvoke = Frames)]
    public int ReadAndMatch()
    {
        var mentions = 0;
        foreach (var frame in frames)
        {
            if (JetstreamSource.Read(frame, out var post, out _, out _) != JetstreamSource.Frame.Post) continue;
            matched.Clear();
            matcher.Match(new MatchablePost(post!.Text, post.AuthorHandle, post.Language), matched);
            mentions += matched.Count;
        }
        return mentions;
    }

    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "ne", "ra", "to", "vu", "sa", "de", "po", "li", "mo", "ta", "ri", "no", "be", "ch", "ou", "3a", "7a", "ma", "el", "la", "qu"];

    private static readonly string[] ArabicWords = ["خدمة", "سيئة", "جدا", "شكرا", "الانترنت", "مقطوع", "الطلبية", "وصلت", "المشكل", "نفس"];

    private sealed class OneCoreConfig : ManualConfig
    {
        // In process: the generated-project build of the default toolchain outlives its 2-minute timeout on a loaded 2-core machine.
        public OneCoreConfig() => AddJob(Job.ShortRun.WithAffinity(1).WithToolchain(InProcessEmitToolchain.Instance)).AddDiagnoser(MemoryDiagnoser.Default);
    }
}
