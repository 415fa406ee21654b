namespace Crisis.Detection.Detecting;

/// <summary>
/// Spike detector for an i.i.d. stream: the p-value of each new value under a kernel density estimated on
/// the recent history, with a bandwidth that adapts to that history's spread (Silverman's rule).
/// The kernel is Epanechnikov, whose CDF is a cubic: no exp or erf on the hot path. Long windows are
/// subsampled to at most <see cref="MaxPoints"/> points, so the cost per update stays bounded whatever the
/// bucket size.
/// </summary>
public sealed class IidSpikeDetector
{
    /// <summary>Most points the density is estimated on.</summary>
    public const int MaxPoints = 64;

    /// <summary>Fewer points than this and every p-value is 1: there is no density to speak of.</summary>
    public const int MinPoints = 8;

    private readonly RollingWindow history;
    private readonly int stride;
    private readonly AnomalySide side;
    private long updates;
    private int bandwidthPoints;
    private double bandwidthFactor;

    /// <param name="windowBuckets">How many past values the density covers.</param>
    /// <param name="side">Which tail is anomalous.</param>
    public IidSpikeDetector(int windowBuckets, AnomalySide side)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowBuckets, MinPoints);
        stride = (windowBuckets + MaxPoints - 1) / MaxPoints;
        history = new RollingWindow((windowBuckets + stride - 1) / stride);
        this.side = side;
    }

    /// <summary>Number of points the density currently rests on.</summary>
    public int Points => history.Count;

    /// <summary>Returns the p-value of <paramref name="value"/> against the history, then adds it to the history.</summary>
    public double Update(double value)
    {
        var p = PValue(value);
        if (updates++ % stride == 0) history.Push(value);
        return p;
    }

    /// <summary>The p-value of <paramref name="value"/> against the current history, in (0, 1].</summary>
    public double PValue(double value)
    {
        var n = history.Count;
        if (n < MinPoints) return 1.0;

        var points = history.Unordered;
        var mean = history.Sum / n;
        var squares = 0.0;
        foreach (var point in points)
        {
            var d = point - mean;
            squares += d * d;
        }
        var sigma = Math.Sqrt(squares / (n - 1));
        if (n != bandwidthPoints)
        {
            bandwidthPoints = n;
            bandwidthFactor = Math.Sqrt(5) * 1.06 * Math.Pow(n, -0.2);
        }
        // Silverman's bandwidth, widened to the Epanechnikov support of the same variance (sqrt 5).
        var inverseHalfWidth = 1.0 / Math.Max(bandwidthFactor * sigma, 1e-9);

        var below = 0.0;
        foreach (var point in points)
        {
            var u = (value - point) * inverseHalfWidth;
            below += u <= -1 ? 0 : u >= 1 ? 1 : 0.5 + 0.75 * u - 0.25 * u * u * u;
        }
        // Conformal-style smoothing keeps p-values away from exactly 0 so a martingale can bet on them.
        var upper = (n - below + 1) / (n + 1);
        var lower = (below + 1) / (n + 1);
        return side switch
        {
            AnomalySide.Upper => upper,
            AnomalySide.Lower => lower,
            _ => Math.Min(1.0, 2 * Math.Min(upper, lower)),
        };
    }

    internal void WriteState(BinaryWriter writer)
    {
        writer.Write(updates);
        history.WriteState(writer);
    }

    internal void ReadState(BinaryReader reader)
    {
        updates = reader.ReadInt64();
        history.ReadState(reader);
    }
}
