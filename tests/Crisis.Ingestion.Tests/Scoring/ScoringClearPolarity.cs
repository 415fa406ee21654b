using Crisis.Ingestion.Scoring;
using NUnit.Framework;

namespace Crisis.Ingestion.Tests.Scoring;

/// <summary>Obvious mentions, written for these tests, that any usable model must get right.</summary>
public class When_a_mention_is_clearly_negative
{
    [TestCase("worst service ever, I want my money back")]
    [TestCase("I hate this company, terrible customer support, never again")]
    [TestCase("خدمة سيئة جدا")]
    [TestCase("أسوأ شركة في البلد، خدمة زبائن فاشلة")]
    [TestCase("والله خدمة خايبة بزاف، ما بقيتش نثيق فيكم")]
    [TestCase("khedma 5ayba bezzaf, ma3endkomch l7ya")]
    [TestCase("c'est nul, je suis très déçu, service horrible")]
    [TestCase("honteux, une arnaque, remboursez-moi")]
    public void It_is_flagged_negative(string text)
    {
        var score = NegativityScorer.Default.Score(text);

        Assert.That(score.IsNegative, Is.True, $"probability {score.Probability} for '{text}' ({score.Language})");
    }
}

public class When_a_mention_is_clearly_positive
{
    [TestCase("thank you so much, amazing service, I love it")]
    [TestCase("great team, quick answer, thanks!")]
    [TestCase("شكرا جزيلا، خدمة ممتازة")]
    [TestCase("الله يعطيكم الصحة، خدمة رائعة")]
    [TestCase("merci, super service")]
    [TestCase("bravo, excellent travail, merci beaucoup")]
    [TestCase("merci barcha, khedma behia")]
    public void It_is_not_flagged_negative(string text)
    {
        var score = NegativityScorer.Default.Score(text);

        Assert.That(score.IsNegative, Is.False, $"probability {score.Probability} for '{text}' ({score.Language})");
    }
}
