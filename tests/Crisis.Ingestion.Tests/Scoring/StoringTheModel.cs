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
    public void It_rejects_a_file_that_is_not_a_model()
    {
        using var garbage = new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.That(() => NegativityModel.Load(garbage), Throws.InstanceOf<InvalidDataException>());
    }
}
