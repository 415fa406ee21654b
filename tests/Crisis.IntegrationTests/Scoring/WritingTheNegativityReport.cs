using Crisis.Ingestion.Scoring.Training;
using Crisis.Ingestion.Scoring;
using NUnit.Framework;

namespace Crisis.IntegrationTests.Scoring;

/// <summary>The generated dev section of docs/negativity.md, written by `crisis train-negativity`; needs no server.</summary>
public class When_the_negativity_report_is_written
{
    private string path = "";

    [SetUp]
    public void CreateFile() => path = Path.Combine(Directory.CreateTempSubdirectory("crisis-report-").FullName, "negativity.md");

    [TearDown]
    public void DeleteFile() => Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);

    [Test]
    public void A_rerun_with_the_same_figures_leaves_the_file_byte_for_byte_as_it_was()
    {
        File.WriteAllText(path, "# Mention negativity model\n\nHand-written text.\n");
        var content = SmallReport();

        NegativityReport.WriteInto(path, content);
        var first = File.ReadAllText(path);
        NegativityReport.WriteInto(path, content);

        Assert.That(File.ReadAllText(path), Is.EqualTo(first));
        Assert.That(first, Does.StartWith("# Mention negativity model\n\nHand-written text.\n\n<!-- BEGIN dev-report"));
        Assert.That(first, Does.EndWith("<!-- END dev-report -->\n"));
    }

    [Test]
    public void Text_after_the_section_is_kept_with_its_spacing()
    {
        File.WriteAllText(path, "# Title\n\n<!-- BEGIN dev-report (written by crisis train-negativity) -->\nold figures\n<!-- END dev-report -->\n\n## After\n");

        NegativityReport.WriteInto(path, SmallReport());

        var text = File.ReadAllText(path);
        Assert.That(text, Does.Not.Contain("old figures"));
        Assert.That(text, Does.EndWith("<!-- END dev-report -->\n\n## After\n"));
    }

    private static NegativityReportContent SmallReport()
    {
        var features = new FeatureSettings(HashBits: 8, MaxWordNgram: 1, MinCharNgram: 2, MaxCharNgram: 3, PerLanguageCopies: false);
        var model = new NegativityModel(features, new float[features.Dimension], 0f, new Dictionary<MentionLanguage, float>(), 0.5f);
        IReadOnlyList<ScoredMention> dev =
        [
            new(new LabelledMention("awful service", true, "en", "CC-BY-3.0"), MentionLanguage.English, 0.9),
            new(new LabelledMention("great service", false, "en", "CC-BY-3.0"), MentionLanguage.English, 0.1),
        ];
        return new NegativityReportContent(TrainingOptions.Shipped, TrainingRows: 2, dev, model, ModelBytes: 2048);
    }
}
