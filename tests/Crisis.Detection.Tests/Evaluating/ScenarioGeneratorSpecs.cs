using Crisis.Detection.Evaluating.Scenarios;
using Crisis.Ingestion.Scoring;

namespace Crisis.Detection.Tests.Evaluating;

public class When_scenarios_are_generated
{
    private static readonly ScenarioGenerator Generator = new(ScenarioTextPool.FromTexts(NegativityScorer.Default,
        ["Atlas a perdu mes bagages, honteux", "Worst airline ever, never again"],
        ["Atlas annonce de nouveaux horaires", "Anyone flying Atlas next week?"],
        ["Merci Atlas, vol parfait", "Love the new Atlas lounge"], "specs"));

    [Test]
    public void The_same_seed_gives_the_same_stream()
    {
        var a = Generator.Generate(8);
        var b = Generator.Generate(8);
        Assert.That(b.Mentions, Is.EqualTo(a.Mentions));
        Assert.That((b.Kind, b.Onset, b.EventEnd, b.RatePerMinute), Is.EqualTo((a.Kind, a.Onset, a.EventEnd, a.RatePerMinute)));
    }

    [Test]
    public void Consecutive_seeds_cycle_through_every_kind() =>
        Assert.That(Enumerable.Range(0, ScenarioKinds.All.Length).Select(seed => Generator.Generate(seed).Kind), Is.EquivalentTo(ScenarioKinds.All));

    [Test]
    public void A_cascade_starts_with_a_far_reaching_negative_post_that_the_rest_of_it_points_at()
    {
        var stream = Generator.Generate(1);
        Assert.That(stream.Kind, Is.EqualTo(ScenarioKind.Cascade));
        var seed = stream.Mentions.Where(m => m.PublishedAt >= stream.Onset && m.Followers >= 5_000 && m.TrueLabel == SentimentLabel.Negative)
            .MinBy(m => m.PublishedAt)!;
        Assert.That(seed.PublishedAt - stream.Onset!.Value, Is.LessThan(TimeSpan.FromMinutes(1)));
        var linked = stream.Mentions.Where(m => m.ReplyTo == seed.PostId || m.QuoteOf == seed.PostId || m.ShareOf == seed.PostId).ToList();
        Assert.That(linked, Is.Not.Empty);
        Assert.That(linked.Min(m => m.PublishedAt), Is.GreaterThan(seed.PublishedAt));
        Assert.That(stream.EventMentions, Is.GreaterThan(linked.Count - 1));
    }

    [Test]
    public void Every_mention_lies_in_the_stream_in_time_order()
    {
        foreach (var seed in Enumerable.Range(0, ScenarioKinds.All.Length))
        {
            var stream = Generator.Generate(seed);
            Assert.That(stream.Mentions.All(m => m.PublishedAt >= stream.Start && m.PublishedAt < stream.End), $"seed {seed}");
            Assert.That(stream.Mentions.Select(m => m.PublishedAt), Is.Ordered, $"seed {seed}");
        }
    }

    [Test]
    public void A_new_brand_has_less_than_a_day_of_history() =>
        Assert.That(Generator.Generate(6).Length, Is.LessThan(TimeSpan.FromDays(1)));
}
