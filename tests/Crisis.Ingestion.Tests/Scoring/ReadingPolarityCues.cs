using Crisis.Ingestion.Scoring;
using NUnit.Framework;

namespace Crisis.Ingestion.Tests.Scoring;

public class When_a_word_is_in_the_polarity_lexicon
{
    [TestCase("خايبة")]
    [TestCase("سيئة")]
    [TestCase("أسوأ")]
    [TestCase("5ayba")]
    [TestCase("Déçu")]
    [TestCase("WORST")]
    [TestCase("overpriced")]
    [TestCase("heartbroken")]
    public void It_is_read_as_negative_whatever_its_spelling(string word) =>
        Assert.That(SentimentLexicon.IsNegative(TextNormalizer.Normalize(word).Tokens[0]), Is.True);

    [TestCase("ممتازة")]
    [TestCase("merci")]
    [TestCase("behia")]
    [TestCase("Amazing")]
    [TestCase("hilarious")]
    public void It_is_read_as_positive(string word) =>
        Assert.That(SentimentLexicon.IsPositive(TextNormalizer.Normalize(word).Tokens[0]), Is.True);

    [TestCase("pas")]
    [TestCase("ما")]
    [TestCase("mouch")]
    [TestCase("never")]
    public void Negation_cues_are_known(string word) =>
        Assert.That(SentimentLexicon.IsNegationCue(TextNormalizer.Normalize(word).Tokens[0]), Is.True);
}

public class When_a_positive_word_follows_a_negation
{
    [Test]
    public void It_scores_more_negative_than_the_plain_positive()
    {
        var plain = NegativityScorer.Default.Score("the service is good").Probability ?? double.NaN;
        var negated = NegativityScorer.Default.Score("the service is not good").Probability ?? double.NaN;

        Assert.That(negated, Is.GreaterThan(plain));
    }
}

public class When_the_english_lists_are_read
{
    [Test]
    public void No_word_is_both_negative_and_positive()
    {
        var negative = EnglishLexicon.Negative.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(negative.Where(SentimentLexicon.IsPositive), Is.Empty);
    }
}

public class When_a_mention_is_featurized
{
    [Test]
    public void Its_dense_signals_count_lexicon_hits_negations_and_moods()
    {
        var mention = TextNormalizer.Normalize("WORST service, not good at all 😡 :)");
        var features = new MentionFeaturizer(new FeatureSettings(10, 2, 2, 5, PerLanguageCopies: true)).Featurize(mention, MentionLanguage.English);
        var signals = features.Signals;

        Assert.Multiple(() =>
        {
            Assert.That(signals[(int)DenseSignal.NegativeHits], Is.EqualTo(1), "worst");
            Assert.That(signals[(int)DenseSignal.NegatedPositiveHits], Is.EqualTo(1), "good, in the reach of not");
            Assert.That(signals[(int)DenseSignal.PositiveHits], Is.Zero);
            Assert.That(signals[(int)DenseSignal.Negations], Is.EqualTo(1));
            Assert.That(signals[(int)DenseSignal.Words], Is.EqualTo(6));
            Assert.That(signals[(int)DenseSignal.Shouts], Is.EqualTo(1));
            Assert.That(signals[(int)DenseSignal.NegativeMoods], Is.EqualTo(1), "😡");
            Assert.That(signals[(int)DenseSignal.PositiveMoods], Is.EqualTo(1), ":)");
            Assert.That(signals.Skip(MentionSignals.FirstLanguage), Is.EqualTo(new[] { 0f, 0f, 0f, 1f }), "English, one-hot");
        });
    }
}
