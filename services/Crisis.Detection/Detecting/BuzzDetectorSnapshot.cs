namespace Crisis.Detection.Detecting;

/// <summary>
/// The complete state of one <see cref="BuzzDetector"/>, bit for bit, so a projection can persist it (as a
/// document or an event payload; System.Text.Json writes <see cref="State"/> as base64) and resume later
/// with exactly the decisions an uninterrupted run would have made. Restore it with the same options.
/// </summary>
/// <param name="FormatVersion">Layout version of <see cref="State"/>.</param>
/// <param name="LastBucket">Start of the last observed bucket; the next bucket must be later.</param>
/// <param name="State">Binary state (little-endian doubles and integers of every ring buffer and estimate).</param>
public sealed record BuzzDetectorSnapshot(int FormatVersion, DateTimeOffset? LastBucket, byte[] State);
