namespace Crisis.Ingestion.Recording;

/// <summary>What became of a batch: stored, already known, or rejected (with every reason).</summary>
public sealed record IntakeReport(int Accepted, int Duplicate, int Rejected, IReadOnlyList<ItemError> Errors)
{
    public static readonly IntakeReport Empty = new(0, 0, 0, []);

    public IntakeReport Add(IntakeReport other) => new(
        Accepted + other.Accepted,
        Duplicate + other.Duplicate,
        Rejected + other.Rejected,
        [.. Errors, .. other.Errors]);
}
