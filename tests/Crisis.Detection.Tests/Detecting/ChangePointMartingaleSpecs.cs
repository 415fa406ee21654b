using Crisis.Detection.Detecting;

namespace Crisis.Detection.Tests.Detecting;

public class When_p_values_turn_small_and_stay_small
{
    private static double[] LogMartingale(MartingaleKind kind)
    {
        var martingale = new ChangePointMartingale(12, kind, 0.1);
        var values = new double[130];
        for (var i = 0; i < values.Length; i++) values[i] = martingale.Update(i < 100 ? 0.5 : 0.01);
        return values;
    }

    [Test]
    public void The_power_martingale_crosses_100_at_the_eighth_small_p_value()
    {
        var values = LogMartingale(MartingaleKind.Power);
        var crossing = Array.FindIndex(values, v => v > Math.Log(100));
        // 8 bets at ln 0.1 + 0.9·ln 100 = 1.84 outweigh the 4 remaining at ln 0.1 + 0.9·ln 2 = -1.68; 7 do not.
        Assert.That(crossing, Is.EqualTo(107));
    }

    [Test]
    public void The_mixture_martingale_stays_low_before_the_change_and_grows_after_it()
    {
        var values = LogMartingale(MartingaleKind.Mixture);
        Assert.That(values.Take(100).Max(), Is.LessThan(0));
        Assert.That(values[^1], Is.EqualTo(12 * Math.Log((100 - 1 + Math.Log(0.01)) / (Math.Log(0.01) * Math.Log(0.01)))).Within(1e-9));
    }

    [Test]
    public void The_mixture_bet_is_finite_at_p_equal_one()
    {
        var martingale = new ChangePointMartingale(1, MartingaleKind.Mixture, 0.1);
        Assert.That(martingale.Update(1.0), Is.EqualTo(Math.Log(0.5)).Within(1e-12));
    }
}
