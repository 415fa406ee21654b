namespace Crisis.Detection.Detecting;

/// <summary>Checks that a snapshot was taken by a detector of the same shape (same options, same format).</summary>
internal static class SnapshotFormat
{
    public const int Version = 2;

    /// <summary>Format 1: before <see cref="NegativeEvidence"/>; still restored (see <see cref="BuzzDetector.Restore"/>).</summary>
    public const int BeforeNegativeEvidence = 1;

    public static void Expect(long actual, long expected, string what)
    {
        if (actual != expected)
            throw new InvalidDataException($"Detector snapshot does not match these options: {what} is {actual}, expected {expected}.");
    }
}
