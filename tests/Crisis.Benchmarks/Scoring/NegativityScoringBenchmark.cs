using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Crisis.Ingestion.Scoring;

namespace Crisis.Benchmarks.Scoring;

/// <summary>
/// Scoring cost per mention on one core (the process is pinned to CPU 0), with allocations: each operation
/// scores one mention of a mix of languages and lengths written for this benchmark (no corpus rows).
/// Mentions per second = 1e9 / mean ns.
/// </summary>
[Config(typeof(OneCoreConfig))]
[MemoryDiagnoser]
public class NegativityScoringBenchmark
{
    private static readonly string[] Mentions =
    [
        "worst service ever, I want my money back @user",
        "@user thanks a lot, the team fixed my connection in ten minutes 👍",
        "Third outage this week and nobody answers the phone. Seriously?? https://t.co/abc",
        "خدمة سيئة جدا، الانترنت مقطوع من الصباح ولا أحد يرد",
        "شكرا على سرعة الاستجابة، خدمة ممتازة 🙏",
        "والله ما بقيتش نثيق فيكم، كل شهر نفس المشكل 😡😡",
        "3lach ma tjawbounich? ra9m dyali ma5damch mn lbar7",
        "merci barcha, el khedma behia w el equipe mrigla",
        "c'est nul, je suis très déçu, service client injoignable depuis trois jours",
        "merci, super service, livraison rapide",
        "Le réseau est coupé depuis ce matin à Oran, vous comptez faire quelque chose ?",
        "@user @user lol",
        "😂😂😂",
        "ya jma3a chkoun 3andou nafs lmochkil m3a la connexion lyoum?",
        "The new app update is great but it keeps logging me out every time I open it, pretty annoying tbh",
        "الحمد لله وصلت الطلبية في الوقت، شكرا لكم",
    ];

    private NegativityScorer scorer = null!;
    private int next;

    [GlobalSetup]
    public void LoadModel() => scorer = NegativityScorer.Default;

    [Benchmark(Description = "score one mention")]
    public NegativityScore ScoreOneMention()
    {
        next = (next + 1) % Mentions.Length;
        return scorer.Score(Mentions[next]);
    }

    private sealed class OneCoreConfig : ManualConfig
    {
        public OneCoreConfig() => AddJob(Job.ShortRun.WithAffinity(1)).AddDiagnoser(MemoryDiagnoser.Default);
    }
}
