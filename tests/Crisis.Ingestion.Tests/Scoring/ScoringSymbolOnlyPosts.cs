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
    public void It_is_scored_and_flagged_negative(string text)
    {
        var score = NegativityScorer.Default.Score(text);

        Assert.That(score.Unscorable, Is.False);
        Assert.That(score.IsNegative, Is.True, $"probability {score.Probability} for '{text}'");
    }
}

public class When_a_post_is_only_positive_emoji_or_emoticons
{
    [TestCase("❤️❤️😍")]
    [TestCase("👍👏")]
    [TestCase("<3")]
    [TestCase(":)")]
    [TestCase("xD")]
    public void It_is_scored_and_not_flagged_negative(string text)
    {
        var score = NegativityScorer.Default.Score(text);

        Assert.That(score.Unscorable, Is.False);
        Assert.That(score.IsNegative, Is.False, $"probability {score.Probability} for '{text}'");
    }
}

public class When_emoji_are_read_for_polarity
{
    [TestCase("<e1f621>", -1)]
    [TestCase("<e1f494>", -1)]
    [TestCase("<e2764>", 1)]
    [TestCase("<e1f602>", 0)]
    [TestCase("<mood:laugh>", 0)]
    [TestCase("<mood:sad>", -1)]
    [TestCase("<mood:love>", 1)]
    [TestCase("service", 0)]
    public void They_take_the_sign_of_the_emoji_sentiment_ranking_or_the_mood(string token, int polarity) =>
        Assert.That(SymbolPolarity.Of(token), Is.EqualTo(polarity));
}
