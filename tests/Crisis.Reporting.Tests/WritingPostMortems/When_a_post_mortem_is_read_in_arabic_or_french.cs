using Crisis.Reporting.Measuring;
using Crisis.Reporting.WritingPostMortems;
using Crisis.ServiceDefaults.Localisation;
using static Crisis.Reporting.Tests.ScriptedBuzz;

namespace Crisis.Reporting.Tests.WritingPostMortems;

/// <summary>The post-mortem in the reader's language: its direction, its labels and figures translated, people's words as written.</summary>
public class When_a_post_mortem_is_read_in_arabic_or_french
{
    private static string Render(string tag)
    {
        Assert.That(UiLanguage.TryParse(tag, out var language), Is.True);
        Assert.That(ViewerZone.TryParse("Africa/Algiers", out var zone), Is.True);
        var facts = Facts();
        return PostMortemReport.Render(facts, IncidentMeasurement.Measure(facts, new KpiOptions { ResponseWindow = TimeSpan.FromMinutes(10) }, EvaluatedAt),
            new ReportReader(language, zone), "Atlas Télécom");
    }

    [Test]
    public void Every_language_has_every_text_with_the_same_placeholders() =>
        Assert.That(ReportReader.Catalogue.Problems(), Is.Empty);

    [Test]
    public void In_arabic_it_reads_right_to_left_with_arabic_labels_and_digits()
    {
        var html = Render("ar");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<html lang=\"ar\" dir=\"rtl\">"));
            Assert.That(html, Does.Contain("<th>زمن الاكتشاف</th><td>٥ د</td>"), "time to detect, 5 minutes, in Arabic-Indic digits");
            Assert.That(html, Does.Contain("<td class=\"missed\">فائتة</td><td>متأخرة ١٠ د</td>"));
            Assert.That(html, Does.Contain("فُتحت الحادثة"), "the timeline's labels");
            Assert.That(html, Does.Contain("<h1 dir=\"auto\">موجة انتقادات حول Atlas Télécom</h1>"), "the detector's title, with the brand's registered name");
            Assert.That(html, Does.Contain("<td dir=\"auto\">الرد</td>"), "the default playbook's stage, recorded in English");
            Assert.That(html, Does.Contain("\u2066٢٠٢٦-٠٣-٠٢ ١١:٠٥:٠٠ Africa/Algiers (UTC+٠١:٠٠)\u2069"), "times keep their order in a right-to-left page");
            Assert.That(html, Does.Contain("direction=\"ltr\""), "the chart's time axis still runs left to right");
            Assert.That(html, Does.Not.Contain("Key figures"));
            Assert.That(html, Does.Not.Contain("Time to detect"));
        });
    }

    [Test]
    public void Arabic_with_latin_digits_keeps_latin_digits()
    {
        var html = Render("ar-u-nu-latn");

        Assert.That(html, Does.Contain("<th>زمن الاكتشاف</th><td>5 د</td>"));
    }

    [Test]
    public void In_french_it_reads_left_to_right_with_french_labels()
    {
        var html = Render("fr-FR");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<html lang=\"fr\" dir=\"ltr\">"));
            Assert.That(html, Does.Contain("<th>Délai de détection</th><td>5 min</td>"));
            Assert.That(html, Does.Contain("<td class=\"missed\">Manquée</td><td>10 min de retard</td>"));
            Assert.That(html, Does.Contain("Chronologie"));
            Assert.That(html, Does.Not.Contain("Key figures"));
        });
    }
}
