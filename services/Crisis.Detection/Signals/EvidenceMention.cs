namespace Crisis.Detection.Signals;

/// <summary>A post shown as evidence: who said it, how far it reaches, and the start of what they said.</summary>
public sealed record EvidenceMention(string Platform, string PostId, string Author, long Followers, string Language, string Excerpt, DateTimeOffset PublishedAt);
