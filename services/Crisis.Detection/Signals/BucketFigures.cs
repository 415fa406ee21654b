namespace Crisis.Detection.Signals;

/// <summary>One closed bucket of one brand, as evidence shows it.</summary>
public sealed record BucketFigures(DateTimeOffset Start, long Volume, long Negative, long Scored, double ReachWeightedNegative, long UniqueAuthors)
{
    public double? NegativeShare => Scored == 0 ? null : Negative / (double)Scored;
}
