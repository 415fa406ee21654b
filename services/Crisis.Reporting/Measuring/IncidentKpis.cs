namespace Crisis.Reporting.Measuring;

/// <summary>
/// One incident's KPIs. Durations are in minutes (fractions allowed), counted from detection unless the name says
/// otherwise; null when the moment has not happened (yet). Definitions: docs/kpis.md.
/// </summary>
public sealed record IncidentKpis(
    string IncidentId,
    string OrganisationId,
    string BrandId,
    string Title,
    string? EpisodeId,
    string Status,
    DateTimeOffset EvaluatedAt,
    int BucketMinutes,
    DateTimeOffset? OnsetAt,
    DateTimeOffset DetectedAt,
    DateTimeOffset OpenedAt,
    DateTimeOffset? FirstNotifiedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? FirstPublicResponseAt,
    DateTimeOffset? SubsidedAt,
    DateTimeOffset? BackToBaselineAt,
    double? TimeToDetectMinutes,
    double TimeToOpenMinutes,
    double? TimeToNotifyMinutes,
    double? TimeToAcknowledgeMinutes,
    double? TimeToFirstPublicResponseMinutes,
    double? TimeToSubsideMinutes,
    double? TimeBackToBaselineMinutes,
    double? BaselineMentionsPerBucket,
    Peak? PeakMentions,
    Peak? PeakVelocity,
    Peak? PeakNegativeShare,
    IReadOnlyList<StageKpi> Stages,
    IReadOnlyList<ResponseKpi> Responses,
    IReadOnlyList<DetectionMark> Detections)
{
    public int StagesMet => Stages.Count(s => s.Outcome == StageOutcome.Met);

    /// <summary>Stages with a verdict (met or missed); skipped and pending ones are not judged.</summary>
    public int StagesJudged => Stages.Count(s => s.Outcome is StageOutcome.Met or StageOutcome.Missed);
}

/// <summary>The highest value of a figure over the episode, and the bucket it was reached in.</summary>
public sealed record Peak(double Value, DateTimeOffset Bucket);

public enum StageOutcome
{
    /// <summary>Done by its deadline.</summary>
    Met,
    /// <summary>Done after its deadline, or not done and the deadline has passed.</summary>
    Missed,
    /// <summary>Left out when the cell went to monitoring or resolved the incident.</summary>
    Skipped,
    /// <summary>Not done and its deadline is still ahead.</summary>
    Pending,
}

/// <param name="MarginMinutes">Deadline minus completion (or minus the evaluation time when not done): positive is ahead of the deadline, negative is late by that much.</param>
public sealed record StageKpi(string StageId, string Name, DateTimeOffset Deadline, DateTimeOffset? CompletedAt, StageOutcome Outcome, double? MarginMinutes);

/// <summary>A public response and the negative share of the brand's talk in the windows around it.</summary>
/// <param name="ChangeInShare">After minus before, in share points (-0.2 = 20 points less negative); null if either share is unknown.</param>
public sealed record ResponseKpi(
    string Channel, Uri Url, string Text, string Language, DateTimeOffset PublishedAt, double MinutesAfterDetection,
    ShareWindow Before, ShareWindow After, double? ChangeInShare);

/// <param name="Complete">False when part of the window lies outside the curve read (before the store's data or not yet elapsed).</param>
public sealed record ShareWindow(DateTimeOffset From, DateTimeOffset To, long Mentions, long Scored, long Negative, double? NegativeShare, bool Complete);

/// <summary>A moment the detector paged for this incident: the opening page and every later escalation.</summary>
public sealed record DetectionMark(DateTimeOffset DetectedAt, int Severity, string Kind);
