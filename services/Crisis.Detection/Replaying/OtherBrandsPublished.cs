namespace Crisis.Detection.Replaying;

/// <summary>
/// Stands for a <c>MentionsRecorded</c> of a brand the replay does not follow: only its latest publication time
/// matters, because it moves the global watermark that decides when the followed brand's buckets close.
/// </summary>
public sealed record OtherBrandsPublished(DateTimeOffset Latest);
