namespace Crisis.Detection.Detecting;

/// <summary>
/// Streaming Spectral Residual saliency (Ren et al., KDD 2019). The latest values are extended with a few
/// points extrapolated from the recent gradient (so the newest point is not at the window's edge), the log
/// amplitude spectrum minus its local average gives the spectral residual, and the inverse transform of
/// the residual with the original phase is the saliency map. A point's score is its saliency relative to
/// the average saliency of the points before it. The newest point itself sits on the seam between real and
/// extrapolated values and is barely salient whatever it holds (measured: an 8σ spike scores below calm
/// noise there), so the detector scores the point <see cref="LagPoints"/> before the newest: one bucket of
/// right context makes the same spike stand out clearly.
/// Pushing is O(1); the FFT runs only when <see cref="ScoreLatest"/> is asked, so a caller can confine it
/// to the few buckets that are already suspicious.
/// </summary>
public sealed class SpectralResidualDetector
{
    /// <summary>Points extrapolated past the newest value (m in the paper).</summary>
    public const int ExtensionPoints = 5;

    /// <summary>Width of the moving average over the log spectrum (q in the paper).</summary>
    public const int SpectrumAverage = 3;

    /// <summary>How many pushes behind the newest the scored point is.</summary>
    public const int LagPoints = 1;

    /// <summary>How many preceding saliency values the scored point is compared with (z in the paper).</summary>
    public const int ScoreNeighbourhood = 21;

    private readonly RollingWindow history;
    private readonly Fft fft;
    private readonly double[] re;
    private readonly double[] im;
    private readonly double[] logAmplitude;

    /// <param name="windowPoints">Transform size, rounded up to a power of two (at least 16).</param>
    public SpectralResidualDetector(int windowPoints)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, windowPoints));
        fft = new Fft(size);
        history = new RollingWindow(size - ExtensionPoints);
        re = new double[size];
        im = new double[size];
        logAmplitude = new double[size];
    }

    /// <summary>Transform size.</summary>
    public int Size => fft.Size;

    public void Push(double value) => history.Push(value);

    /// <summary>
    /// Saliency score of the value pushed <see cref="LagPoints"/> pushes ago: (S - mean S of its
    /// predecessors) / mean; about 0 for an ordinary point, above 3 for a spike in the paper's setting.
    /// 0 until the window is full.
    /// </summary>
    public double Score()
    {
        if (!history.IsFull) return 0;
        var n = history.Count;
        history.CopyOldestFirst(re);
        var newest = re[n - 1];
        var gradient = 0.0;
        for (var i = 1; i <= ExtensionPoints; i++) gradient += (newest - re[n - 1 - i]) / i;
        gradient /= ExtensionPoints;
        var extrapolated = re[n - ExtensionPoints] + gradient * ExtensionPoints;
        for (var i = n; i < fft.Size; i++) re[i] = extrapolated;
        Array.Clear(im);

        fft.Transform(re, im, inverse: false);
        var size = fft.Size;
        for (var k = 0; k < size; k++)
            logAmplitude[k] = Math.Log(Math.Sqrt(re[k] * re[k] + im[k] * im[k]) + 1e-12);
        for (var k = 0; k < size; k++)
        {
            var average = 0.0;
            for (var j = -(SpectrumAverage / 2); j <= SpectrumAverage / 2; j++)
                average += logAmplitude[(k + j + size) % size];
            average /= SpectrumAverage;
            var amplitude = Math.Exp(logAmplitude[k]);
            // exp(residual + i·phase) = exp(residual) · F / |F|.
            var factor = Math.Exp(logAmplitude[k] - average) / amplitude;
            re[k] *= factor;
            im[k] *= factor;
        }
        fft.Transform(re, im, inverse: true);

        var target = n - 1 - LagPoints;
        var from = Math.Max(0, target - ScoreNeighbourhood);
        var sum = 0.0;
        for (var i = from; i < target; i++) sum += Saliency(i);
        var mean = sum / (target - from);
        return mean <= 1e-12 ? 0 : (Saliency(target) - mean) / mean;
    }

    private double Saliency(int i) => Math.Sqrt(re[i] * re[i] + im[i] * im[i]);

    internal void WriteState(BinaryWriter writer) => history.WriteState(writer);

    internal void ReadState(BinaryReader reader) => history.ReadState(reader);
}
