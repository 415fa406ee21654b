namespace Crisis.Detection.Evaluating;

/// <summary>How one file scored under one profile.</summary>
/// <param name="Score">Raw (unnormalised) score.</param>
/// <param name="Windows">Number of windows.</param>
/// <param name="Detections">Detections counted (after the probationary period).</param>
/// <param name="TruePositives">Windows detected, with the relative position of their earliest detection (-1 = left edge).</param>
/// <param name="FalsePositives">Rows of detections outside every window, with their (negative) contribution.</param>
public sealed record NabFileScore(
    double Score,
    int Windows,
    int Detections,
    IReadOnlyList<NabTruePositive> TruePositives,
    IReadOnlyList<NabFalsePositive> FalsePositives)
{
    public int FalseNegatives => Windows - TruePositives.Count;
}

/// <summary>A detected window.</summary>
public sealed record NabTruePositive(int WindowIndex, int Row, double Position, double Score);

/// <summary>A detection outside every window.</summary>
public sealed record NabFalsePositive(int Row, double Score);
