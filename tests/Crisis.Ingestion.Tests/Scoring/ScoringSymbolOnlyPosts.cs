using Crisis.Ingestion.Scoring;
using NUnit.Framework;

namespace Crisis.Ingestion.Tests.Scoring;

/// <summary>Replies to a brand are often nothing but emoji or an emoticon: their polarity is plain, so they get a score.</summary>
public class When_a_post_is_only_negative_emoji_or_emoticons
{
    [TestCase("😡😡👎🏻")]
    [TestCase("😢😢😢")]
    [TestCase("😭😭💔")]
    [TestCase(":(")]
    [TestCase(":'(")]
    [TestCase("-_-")]
    [TestCase("@brand 😡 https://t.co/x")]
    public void It_is_scored_and_flagged_negative(string text)
    {
        var score = NegativityScorer.Default.Score(text);

        Assert.That(score.Unscorable, Is.False);
        Assert.That(score.IsNegative, Is.True, $"probability {score.Probability} for '{text}'");
        Assert.That(score.Probability, Is.GreaterThan(0.5));
    }
}

public class When_a_post_is_only_positive_emoji_or_emoticons
{
    [TestCase("❤️❤️😍")]
    [TestCase("👍👏")]
    [TestCase("<3")]
    [TestCase(":)")]
    public void It_is_scored_and_not_flagged_negative(string text)
    {
        var score = NegativityScorer.Default.Score(text);

        Assert.That(score.Unscorable, Is.False);
        Assert.That(score.IsNegative, Is.False, $"probability {score.Probability} for '{text}'");
        Assert.That(score.Probability, Is.LessThan(0.5));
    }
}

public class When_a_letterless_post_is_mixed_or_says_nothing
{
    [TestCase("😡❤️")]
    [TestCase("😂😂")]
    [TestCase("🙏")]
    public void Mixed_or_unsigned_moods_are_scored_but_not_negative(string text)
    {
        var score = ScoreOf(text);

        Assert.That(score.Unscorable, Is.False);
        Assert.That(score.IsNegative, Is.False);
    }

    [TestCase("https://example.com/a")]
    [TestCase("@brand")]
    [TestCase("🇲🇦")]
    [TestCase("12 34")]
    [TestCase("")]
    public void No_mood_at_all_stays_unscorable(string text) =>
        Assert.That(ScoreOf(text).Unscorable, Is.True);

    private static NegativityScore ScoreOf(string text) => NegativityScorer.Default.Score(text);
}

public class When_symbols_are_read_for_polarity
{
    [TestCase("<mood:angry>", -1)]
    [TestCase("<mood:sad>", -1)]
    [TestCase("<mood:scorn>", -1)]
    [TestCase("<mood:love>", 1)]
    [TestCase("<mood:approve>", 1)]
    [TestCase("<mood:laugh>", 0)]
    [TestCase("<mood:pray>", 0)]
    [TestCase("service", 0)]
    public void A_mood_takes_its_sign(string token, int polarity) =>
        Assert.That(SymbolPolarity.Of(token), Is.EqualTo(polarity));
}
