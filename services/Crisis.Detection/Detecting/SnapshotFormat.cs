namespace Crisis.Detection.Detecting;

/// <summary>Checks that a snapshot was taken by a detector of the same shape (same options, same format).</summary>
internal static class SnapshotFormat
{
    public const int Version = 2;

    public static void Expect(long actual, long expected, string what)
    {
        if (actual != expected)
            throw new InvalidDataException($"Detector snapshot does not match these options: {what} is {actual}, expected {expected}.");
    }
}
