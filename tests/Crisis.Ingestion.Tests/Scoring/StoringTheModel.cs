using Crisis.Ingestion.Scoring;
using NUnit.Framework;

namespace Crisis.Ingestion.Tests.Scoring;

public class When_the_model_is_saved_and_loaded
{
    [Test]
    public void It_scores_exactly_as_before()
    {
        var original = NegativityScorer.Default;
        using var file = new MemoryStream();
        original.Model.Save(file);
        file.Position = 0;
        var reloaded = new NegativityScorer(NegativityModel.Load(file));

        var texts = new[] { "worst service ever", "merci, super service", "خدمة سيئة جدا", "ma3andkom 7ta 7ell" };

        Assert.That(texts.Select(reloaded.Score), Is.EqualTo(texts.Select(original.Score)));
    }

    [Test]
    public void It_keeps_the_stacker_and_the_naive_Bayes_ratios()
    {
        var original = NegativityScorer.Default.Model;
        using var file = new MemoryStream();
        original.Save(file);
        file.Position = 0;
        var reloaded = NegativityModel.Load(file);

        Assert.That(original.Stacker, Is.Not.Null, "the shipped model is stacked");
        Assert.That(reloaded.Stacker!.Weights, Is.EqualTo(original.Stacker!.Weights));
        Assert.That(reloaded.Stacker.Bias, Is.EqualTo(original.Stacker.Bias));
        int[] slots = [0, 17, 4_096, 65_535, original.Features.Dimension - 1];
        Assert.That(reloaded.LogOdds(slots), Is.EqualTo(original.LogOdds(slots)));
    }

    [Test]
    public void A_plain_regression_without_a_stacker_scores_with_its_own_sigmoid()
    {
        var features = new FeatureSettings(HashBits: 8, MaxWordNgram: 1, MinCharNgram: 2, MaxCharNgram: 3, PerLanguageCopies: false);
        var weights = Enumerable.Range(0, features.Dimension).Select(i => (i % 7 - 3) / 10f).ToArray();
        var plain = new NegativityModel(features, weights, 0.2f, new Dictionary<MentionLanguage, float>(), 0.5f);
        using var file = new MemoryStream();
        plain.Save(file);
        file.Position = 0;
        var reloaded = NegativityModel.Load(file);

        Assert.That(reloaded.Stacker, Is.Null);
        Assert.That(reloaded.HasNaiveBayes, Is.False);
        var score = new NegativityScorer(reloaded).Score("worst service ever");
        var mention = TextNormalizer.Normalize("worst service ever");
        var vector = new MentionFeaturizer(features).Featurize(mention, LanguageIdentifier.Identify(mention)).Vector;
        Assert.That(score.Probability, Is.EqualTo(1 / (1 + Math.Exp(-plain.Logit(vector.Indices, vector.Values)))).Within(1e-12));
    }

    [Test]
    public void It_rejects_a_file_that_is_not_a_model()
    {
        using var garbage = new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.That(() => NegativityModel.Load(garbage), Throws.InstanceOf<InvalidDataException>());
    }
}
