using Crisis.Detection.Detecting;

namespace Crisis.Detection.Tests.Detecting;

public class When_a_steady_series_gets_one_burst
{
    private static double[] Deviations(double steady, double burst, int burstAt)
    {
        var model = new SeasonalCountModel(DetectorOptions.Default);
        var deviations = new double[3 * 1440];
        var first = SyntheticSeries.Start.UtcTicks / TimeSpan.TicksPerMinute;
        for (var i = 0; i < deviations.Length; i++) deviations[i] = model.Update(first + i, i == burstAt ? burst : steady);
        return deviations;
    }

    [Test]
    public void Its_deviation_is_the_anscombe_difference_of_the_window_sums_at_the_burst()
    {
        var deviations = Deviations(4, 40, 2 * 1440 + 600);
        // 15-minute window: 14 steady minutes plus the burst against 15 expected steady minutes.
        var expected = 2 * Math.Sqrt(14 * 4 + 40 + 0.375) - 2 * Math.Sqrt(15 * 4 + 0.375);
        Assert.That(deviations[2 * 1440 + 600], Is.EqualTo(expected).Within(1e-9));
        Assert.That(deviations[2 * 1440 + 599], Is.EqualTo(0).Within(1e-9));
        // The burst leaves the window 15 minutes later; the level learnt only its clipped part, so the
        // baseline barely moved.
        Assert.That(deviations[2 * 1440 + 615], Is.EqualTo(0).Within(0.05));
    }

    [Test]
    public void A_mostly_empty_series_measures_a_handful_of_mentions_in_poisson_units()
    {
        var deviations = Deviations(0, 5, 2 * 1440 + 600);
        Assert.That(deviations[2 * 1440 + 600], Is.EqualTo(2 * Math.Sqrt(5.375) - 2 * Math.Sqrt(0.375)).Within(1e-9));
        Assert.That(deviations.Take(2 * 1440 + 600), Has.All.EqualTo(0).Within(1e-9));
    }
}
