using System.Text.RegularExpressions;
using Crisis.CrisisCell.Incidents.Noting;
using Crisis.Reporting.Measuring;
using Crisis.Reporting.WritingPostMortems;
using static Crisis.Reporting.Tests.ScriptedBuzz;

namespace Crisis.Reporting.Tests.WritingPostMortems;

public class When_a_post_mortem_is_written
{
    private const string Injected = "<script>alert('x')</script><img src=x onerror=alert(1)>";

    private static string Render(IncidentFacts facts) =>
        PostMortemReport.Render(facts, IncidentMeasurement.Measure(facts, new KpiOptions { ResponseWindow = TimeSpan.FromMinutes(10) }, EvaluatedAt));

    [Test]
    public void The_chart_marks_the_onset_each_page_the_response_and_the_return_to_calm()
    {
        var kpis = IncidentMeasurement.Measure(Facts(), new KpiOptions(), EvaluatedAt);

        var marks = PostMortemReport.Marks(kpis);

        Assert.That(marks.Select(m => (m.Number, m.At, m.Kind)), Is.EqualTo(new[]
        {
            (1, At(10, 0), "onset"), (2, At(10, 5), "detection"), (3, At(10, 10), "detection"), (4, At(10, 20, 30), "response"),
            (5, At(10, 51), "baseline"), (6, At(11, 1), "subsided"),
        }));
    }

    [Test]
    public void The_page_holds_the_chart_with_its_marks_the_kpis_the_stages_and_the_timeline()
    {
        var html = Render(Facts());

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
            Assert.That(Regex.Count(html, "<g class=\"mark "), Is.EqualTo(6), "six numbered marks on the chart");
            Assert.That(Regex.Count(html, "<rect class=\"bar\""), Is.EqualTo(240), "one bar per minute from 09:00 to 13:00");
            Assert.That(html, Does.Contain("<th>Time to detect</th><td>5 min</td>"));
            Assert.That(html, Does.Contain("<th>Time to acknowledge</th><td>7 min</td>"));
            Assert.That(html, Does.Contain("<th>Peak negative share</th><td>90%</td>"));
            Assert.That(html, Does.Contain("<td class=\"missed\">Missed</td><td>10 min late</td>"));
            Assert.That(html, Does.Contain("80% <small>of 1000 scored, 10:10–10:20</small>"));
            Assert.That(html, Does.Contain("-30 points"));
            Assert.That(html, Does.Contain("<td><time>2026-03-02 10:12:00 UTC</time> <small class=\"clock\">wall clock</small></td><td>Acknowledged</td><td dir=\"auto\">alice</td>"));
            Assert.That(html, Does.Contain("Detector paged"));
            Assert.That(html, Does.Contain("back to calm; peak severity 8"));
            Assert.That(html, Does.Not.Contain("peak severity 3"), "another episode of the brand is not on this incident's timeline");
        });
    }

    [Test]
    public void It_is_self_contained_and_printable()
    {
        var html = Render(Facts());

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("<script"));
            Assert.That(html, Does.Not.Contain("<link"));
            Assert.That(html, Does.Not.Match("src\\s*="));
            Assert.That(html, Does.Contain("@media print"));
            Assert.That(html, Does.Contain("<svg class=\"chart\""));
        });
    }

    [Test]
    public void Text_written_by_people_is_escaped()
    {
        var events = Events(Response(text: Injected));
        events.Add(new NoteAdded(IncidentId, "n1", Injected, "mallory\"><b>", At(12, 50)));

        var html = Render(Facts(events) with { Events = [Opened(title: Injected), .. events.Skip(1)] });

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("<script"));
            Assert.That(html, Does.Not.Contain("<img"));
            Assert.That(html, Does.Not.Contain("<b>"));
            Assert.That(html, Does.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
            Assert.That(html, Does.Contain("mallory&quot;&gt;&lt;b&gt;"));
        });
    }

    [Test]
    public void Arabic_text_keeps_its_letters_and_reads_right_to_left()
    {
        const string arabic = "نعتذر عن التأخير ونعمل على حل المشكلة";
        var html = Render(Facts(Events(Response(text: arabic, language: "ar"))));

        Assert.That(html, Does.Contain($"<td dir=\"auto\" lang=\"ar\">{arabic}<br>"));
    }
}
