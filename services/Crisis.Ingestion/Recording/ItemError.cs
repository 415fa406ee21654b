namespace Crisis.Ingestion.Recording;

/// <summary>Why one item of a batch was rejected.</summary>
/// <param name="Line">1-based line of an NDJSON or CSV file, or 1-based position in a JSON array.</param>
/// <param name="Field">JSON-style path of the field at fault (<c>author.followers</c>), or <c>$</c> for the item as a whole.</param>
public sealed record ItemError(int Line, string Field, string Reason);
