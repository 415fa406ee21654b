using Crisis.Detection.Detecting;

namespace Crisis.Detection.Tests.Detecting;

public class When_a_spike_arrives_in_bounded_iid_values
{
    private static double[] PValues(AnomalySide side, double spike)
    {
        var detector = new IidSpikeDetector(64, side);
        var pValues = new double[200];
        for (var i = 0; i < pValues.Length; i++) pValues[i] = detector.Update(i == 150 ? spike : Math.Sin(i * 0.7));
        return pValues;
    }

    [Test]
    public void It_gives_the_spike_the_smallest_possible_upper_p_value()
    {
        var pValues = PValues(AnomalySide.Upper, 10);
        Assert.That(pValues[150], Is.EqualTo(1.0 / 65).Within(1e-12));
        Assert.That(Array.IndexOf(pValues, pValues.Min()), Is.EqualTo(150));
    }

    [Test]
    public void It_gives_a_dip_the_smallest_lower_p_value()
    {
        var pValues = PValues(AnomalySide.Lower, -10);
        Assert.That(pValues[150], Is.EqualTo(1.0 / 65).Within(1e-12));
        Assert.That(Array.IndexOf(pValues, pValues.Min()), Is.EqualTo(150));
    }

    [Test]
    public void It_doubles_the_tail_when_two_sided()
    {
        var pValues = PValues(AnomalySide.TwoSided, 10);
        Assert.That(pValues[150], Is.EqualTo(2.0 / 65).Within(1e-12));
    }

    [Test]
    public void It_ignores_the_spike_on_the_lower_side()
    {
        var pValues = PValues(AnomalySide.Lower, 10);
        Assert.That(pValues[150], Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void It_answers_one_until_it_has_enough_history()
    {
        var detector = new IidSpikeDetector(64, AnomalySide.Upper);
        for (var i = 0; i < IidSpikeDetector.MinPoints; i++) Assert.That(detector.Update(i * 100), Is.EqualTo(1.0));
        Assert.That(detector.Update(10_000), Is.LessThan(1.0));
    }

    [Test]
    public void It_subsamples_long_windows_to_a_bounded_number_of_points()
    {
        var detector = new IidSpikeDetector(240, AnomalySide.Upper);
        for (var i = 0; i < 1000; i++) detector.Update(Math.Sin(i));
        Assert.That(detector.Points, Is.EqualTo(60));
    }
}
