namespace Crisis.Detection.Signals;

/// <summary>
/// A post shown as evidence: which one, by whom (the pseudonym), how far it reaches. What they said, and their handle,
/// are resolved from <c>mention_keys</c> when shown (<c>PostContents</c>), so the buzz events never hold them.
/// </summary>
/// <param name="Excerpt">Null in events decided since pseudonymisation; the start of the text in older ones.</param>
public sealed record EvidenceMention(string Platform, string PostId, string Author, long Followers, string Language, string? Excerpt, DateTimeOffset PublishedAt);
