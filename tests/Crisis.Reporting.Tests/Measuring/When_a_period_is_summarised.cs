using Crisis.Reporting.Measuring;
using static Crisis.Reporting.Tests.ScriptedBuzz;

namespace Crisis.Reporting.Tests.Measuring;

public class When_a_period_is_summarised
{
    [TestCase(new[] { 7.0 }, 0.5, 7.0)]
    [TestCase(new[] { 1.0, 2.0, 10.0 }, 0.5, 2.0)]
    [TestCase(new[] { 1.0, 2.0, 10.0 }, 0.9, 8.4)]
    [TestCase(new[] { 1.0, 2.0, 3.0, 4.0 }, 0.5, 2.5)]
    [TestCase(new[] { 1.0, 2.0, 3.0, 4.0 }, 0.9, 3.7)]
    public void Percentiles_interpolate_between_closest_ranks(double[] sorted, double p, double expected) =>
        Assert.That(PeriodMeasurement.Percentile(sorted, p), Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void No_value_has_no_percentile() => Assert.That(PeriodMeasurement.Percentile([], 0.5), Is.Null);

    [Test]
    public void It_counts_the_incidents_and_summarises_each_time_over_those_that_have_it()
    {
        var worked = IncidentMeasurement.Measure(Facts(), new KpiOptions(), EvaluatedAt);
        var fresh = IncidentMeasurement.Measure(Facts([Opened()]), new KpiOptions(), At(10, 50));

        var period = PeriodMeasurement.Summarise("brand", Brand, At(0, 0), At(23, 0), [worked, fresh]);

        var acknowledge = period.Durations.Single(d => d.Kpi == "time_to_acknowledge");
        var detect = period.Durations.Single(d => d.Kpi == "time_to_detect");
        Assert.Multiple(() =>
        {
            Assert.That(period.Incidents, Is.EqualTo(2));
            Assert.That((detect.Count, detect.MedianMinutes, detect.P90Minutes), Is.EqualTo((2, (double?)5, (double?)5)));
            Assert.That((acknowledge.Count, acknowledge.MedianMinutes), Is.EqualTo((1, (double?)7)), "the fresh incident is not acknowledged: not counted as 0");
            Assert.That((period.StagesMet, period.StagesJudged, period.StageDeadlinesMetRatio), Is.EqualTo((2, 4, (double?)0.5)),
                "2 of 3 met on the worked incident, the fresh one missed its first");
        });
    }
}
