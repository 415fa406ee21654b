namespace Crisis.Detection.Evaluating;

/// <summary>A labelled scoring window (inclusive bounds).</summary>
public sealed record NabWindow(DateTimeOffset Start, DateTimeOffset End);
