using Crisis.Ingestion.Scoring;
using NUnit.Framework;

namespace Crisis.Ingestion.Tests.Scoring;

public class When_text_is_empty
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("   \t\n ")]
    public void It_is_marked_unscorable(string? text) =>
        Assert.That(NegativityScorer.Default.Score(text), Is.EqualTo(NegativityScore.NothingToScore(MentionLanguage.Unknown)));
}

public class When_text_is_only_emoji_without_a_mood
{
    [Test]
    public void It_is_marked_unscorable()
    {
        // Emoji with a mood are scored (When_a_post_is_only_negative_emoji_or_emoticons); a car and a flag say nothing.
        var score = NegativityScorer.Default.Score("🚗🇲🇦");

        Assert.That((score.Unscorable, score.Probability, score.IsNegative), Is.EqualTo((true, (double?)null, (bool?)null)));
    }
}

public class When_text_is_only_a_url_or_a_handle
{
    [TestCase("https://t.co/xYz123")]
    [TestCase("@user @user https://example.com/page?id=3")]
    public void It_is_marked_unscorable(string text) =>
        Assert.That(NegativityScorer.Default.Score(text).Unscorable, Is.True);
}

public class When_text_is_unusual_but_has_words
{
    private static IEnumerable<TestCaseData> Texts()
    {
        yield return new TestCaseData(string.Concat(Enumerable.Repeat("terrible service ", 6_250))).SetName("100 KB of text");
        yield return new TestCaseData("le service الخدمة 3la9a 😡 worst").SetName("mixed scripts and emoji");
        yield return new TestCaseData("bad\uD800 service\uDFFF").SetName("lone surrogates");
        yield return new TestCaseData("bad\u0000\u0007\u001B service\u200B\u202E").SetName("control and format characters");
        yield return new TestCaseData(new string('a', 50_000)).SetName("one endless word");
        yield return new TestCaseData("ﷺ ﻻ ﺍﻟﺨﺪﻣﺔ").SetName("Arabic presentation forms");
    }

    [TestCaseSource(nameof(Texts))]
    public void It_gets_a_probability_without_throwing(string text)
    {
        var score = NegativityScorer.Default.Score(text);

        Assert.That(score.Unscorable, Is.False);
        Assert.That(score.Probability, Is.InRange(0.0, 1.0));
        Assert.That(score.IsNegative, Is.Not.Null);
    }
}
