namespace Crisis.Detection.Detecting;

/// <summary>
/// Change-point score from a stream of p-values: the log of a martingale that multiplies a betting function
/// of each p-value over a sliding window. Under no change p-values are uniform and the martingale stays
/// small; a lasting shift makes small p-values pile up and the martingale grows fast.
/// </summary>
public sealed class ChangePointMartingale
{
    private readonly RollingWindow logFactors;
    private readonly MartingaleKind kind;
    private readonly double epsilon;
    private readonly double logEpsilon;

    public ChangePointMartingale(int windowBuckets, MartingaleKind kind, double epsilon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowBuckets, 1);
        logFactors = new RollingWindow(windowBuckets);
        this.kind = kind;
        this.epsilon = epsilon;
        logEpsilon = Math.Log(epsilon);
    }

    /// <summary>Natural log of the martingale over the window after this p-value.</summary>
    public double LogValue => logFactors.Sum;

    /// <summary>Adds one p-value; returns the log martingale.</summary>
    public double Update(double pValue)
    {
        logFactors.Push(LogBet(Math.Clamp(pValue, 1e-12, 1.0)));
        return logFactors.Sum;
    }

    private double LogBet(double p)
    {
        var lnP = Math.Log(p);
        if (kind == MartingaleKind.Power) return logEpsilon + (epsilon - 1) * lnP;
        // ∫0..1 ε p^(ε-1) dε = (1/p - 1 + ln p) / (ln p)²; its limit as p → 1 is 1/2 - ln(p)/6.
        if (lnP > -1e-4) return Math.Log(0.5 - lnP / 6);
        return Math.Log((1 / p - 1 + lnP) / (lnP * lnP));
    }

    internal void WriteState(BinaryWriter writer) => logFactors.WriteState(writer);

    internal void ReadState(BinaryReader reader) => logFactors.ReadState(reader);
}
