using Crisis.Ingestion.Scoring;
using NUnit.Framework;

namespace Crisis.Ingestion.Tests.Scoring;

public class When_many_threads_score_at_once
{
    private static readonly string[] Mentions =
    [
        "worst service ever", "merci, super service", "خدمة سيئة جدا", "3lach ma tjawbounich", "😡", "",
        "je suis déçu", "great job guys", "الله يعطيكم الصحة", "wallah khedma behia", "https://t.co/x",
    ];

    [Test]
    public void It_gives_each_mention_the_score_it_gets_alone()
    {
        var scorer = NegativityScorer.Default;
        var alone = Mentions.Select(scorer.Score).ToArray();
        var inputs = Enumerable.Range(0, 20_000).Select(i => i % Mentions.Length).ToArray();

        var parallel = inputs.AsParallel().WithDegreeOfParallelism(8).Select(i => (i, Score: scorer.Score(Mentions[i]))).ToArray();

        Assert.That(parallel.Where(p => p.Score != alone[p.i]), Is.Empty);
    }
}
