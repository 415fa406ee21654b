using Crisis.Reporting.Measuring;
using static Crisis.Reporting.Tests.ScriptedBuzz;

namespace Crisis.Reporting.Tests.Measuring;

public class When_kpis_are_written_as_csv
{
    private static string[] Lines(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Test]
    public void An_incident_is_one_figure_a_row_under_a_fixed_header()
    {
        var csv = KpiCsv.Incident(IncidentMeasurement.Measure(Facts(), new KpiOptions { ResponseWindow = TimeSpan.FromMinutes(10) }, EvaluatedAt));
        var lines = Lines(csv);

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("kpi,subject,value,unit,at,detail"));
            Assert.That(lines, Does.Contain("time_to_detect,,5,minutes,2026-03-02T10:05:00Z,"));
            Assert.That(lines, Does.Contain("time_to_open,,0.5,minutes,2026-03-02T10:05:30Z,"));
            Assert.That(lines, Does.Contain("time_to_first_public_response,,15.5,minutes,2026-03-02T10:20:30Z,"));
            Assert.That(lines, Does.Contain("peak_negative_share,,0.9,share,2026-03-02T10:02:00Z,"));
            Assert.That(lines, Does.Contain("stage_deadline,be-transparent,-10,minutes_ahead,2026-03-02T12:15:00Z,Missed"));
            Assert.That(lines, Does.Contain("negative_share_before_response,https://x.com/acme/status/1,0.8,share,2026-03-02T10:20:30Z,2026-03-02T10:10:00Z/2026-03-02T10:20:00Z"));
            Assert.That(lines, Does.Contain("negative_share_change,https://x.com/acme/status/1,-0.3,share_points,2026-03-02T10:20:30Z,"));
            Assert.That(lines.All(l => l.Split(',').Length == 6), Is.True, "six cells on every row");
        });
    }

    [Test]
    public void A_period_gives_the_median_and_p90_of_each_time()
    {
        var period = PeriodMeasurement.Summarise("brand", Brand, At(0, 0), At(23, 0), [IncidentMeasurement.Measure(Facts(), new KpiOptions(), EvaluatedAt)]);

        var lines = Lines(KpiCsv.Period(period));

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("kpi,statistic,value,unit,count"));
            Assert.That(lines[1], Is.EqualTo("incidents,count,1,incidents,1"));
            Assert.That(lines, Does.Contain("time_to_acknowledge,median,7,minutes,1"));
            Assert.That(lines, Does.Contain("time_to_acknowledge,p90,7,minutes,1"));
            Assert.That(lines[^1], Is.EqualTo("stage_deadlines_met,ratio,0.666667,ratio,3"));
        });
    }

    [TestCase("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("@cmd", "'@cmd")]
    [TestCase("plain", "plain")]
    public void Text_cells_are_quoted_and_formulas_defused(string text, string cell) =>
        Assert.That(Csv.Row(Csv.Text(text)), Is.EqualTo(cell + "\r\n"));
}
