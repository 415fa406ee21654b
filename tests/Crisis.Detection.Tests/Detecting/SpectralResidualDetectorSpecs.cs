using Crisis.Detection.Detecting;

namespace Crisis.Detection.Tests.Detecting;

public class When_a_spike_breaks_a_regular_pattern
{
    [Test]
    public void Its_saliency_score_stands_out_one_bucket_later()
    {
        var detector = new SpectralResidualDetector(32);
        var noise = new SyntheticSeries(7);
        var scores = new double[120];
        for (var i = 0; i < scores.Length; i++)
        {
            detector.Push(10 + noise.Normal() + (i == 100 ? 8 : 0));
            scores[i] = detector.Score();
        }
        Assert.That(scores[101], Is.GreaterThan(3));
        Assert.That(Array.IndexOf(scores, scores.Max()), Is.EqualTo(101));
    }

    [Test]
    public void It_scores_zero_until_its_window_is_full()
    {
        var detector = new SpectralResidualDetector(32);
        for (var i = 0; i < 32 - SpectralResidualDetector.ExtensionPoints - 1; i++)
        {
            detector.Push(i == 10 ? 100 : 1);
            Assert.That(detector.Score(), Is.Zero);
        }
    }
}

public class When_transforming_with_the_fft
{
    [Test]
    public void An_impulse_has_a_flat_spectrum_and_the_inverse_restores_it()
    {
        var fft = new Fft(16);
        var re = new double[16];
        var im = new double[16];
        re[3] = 1;
        fft.Transform(re, im, inverse: false);
        for (var k = 0; k < 16; k++) Assert.That(Math.Sqrt(re[k] * re[k] + im[k] * im[k]), Is.EqualTo(1).Within(1e-12));
        Assert.That(re[1], Is.EqualTo(Math.Cos(-2 * Math.PI * 3 / 16)).Within(1e-12));
        fft.Transform(re, im, inverse: true);
        for (var k = 0; k < 16; k++) Assert.That(re[k], Is.EqualTo(k == 3 ? 1 : 0).Within(1e-12));
    }
}
