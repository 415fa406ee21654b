namespace Crisis.Detection.Evaluating;

/// <summary>One row of a volume series file: the bucket's timestamp as written, its parsed time and counts.</summary>
/// <param name="Line">1-based line number in the file (for error messages).</param>
/// <param name="TimestampText">The timestamp exactly as written, echoed in outputs.</param>
/// <param name="Timestamp">Parsed timestamp (UTC when the file has no offset).</param>
/// <param name="Value">Mention volume.</param>
/// <param name="ValueText">The value exactly as written.</param>
/// <param name="Negative">Negative mentions, when the file has a third column.</param>
public sealed record SeriesRow(int Line, string TimestampText, DateTimeOffset Timestamp, double Value, string ValueText, double? Negative);
