using Crisis.CrisisCell.Playbooks;
using Contract = Crisis.Contracts.Buzz;

namespace Crisis.CrisisCell.Incidents.Opening;

/// <summary>
/// The one place where the detector's integration message becomes the crisis cell's command. What the message
/// cannot know (which incident stream, the brand's threshold, the organisation's playbook, the brand's last
/// closed incident, the late-page policy) the consumer looks up and passes in.
/// </summary>
public static class BuzzEscalatedMapping
{
    /// <summary>The actor recorded on incidents the detector opens.</summary>
    public const string DetectorActor = "system:detector";

    public static OpenIncidentFromBuzz ToCommand(
        Contract.BuzzEscalated message, string incidentId, string organisationId, int severityThreshold, Playbook playbook,
        string? previousIncidentId, LatePagePolicy latePages, DateTimeOffset now) =>
        new(incidentId, organisationId, message.BrandId, message.EpisodeId, message.EscalationId, message.Severity, severityThreshold,
            message.OnsetAt, message.DetectedAt, ToEvidence(message.Evidence), playbook, previousIncidentId, latePages, DetectorActor, now);

    public static IncidentEvidence ToEvidence(Contract.BuzzEvidenceSummary evidence) =>
        new(evidence.Mentions, evidence.ExpectedMentions, evidence.NegativeShare, [.. evidence.TopTerms],
            evidence.Languages.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal),
            [.. evidence.TopNegativePosts.Select(p => new EvidencePost(p.Platform, p.PostId, p.Author, p.Followers, p.Language, p.Excerpt))]);
}
