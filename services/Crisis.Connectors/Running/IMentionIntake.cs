using Crisis.Contracts.Mentions;

namespace Crisis.Connectors.Running;

/// <summary>
/// The one intake path (validate, score, deduplicate by platform + post id, append), as connectors see it. It returns
/// only once the store has committed, which is what lets a connector advance its cursor afterwards. The host binds it to
/// the ingestion module; connectors know nothing else of ingestion.
/// </summary>
public interface IMentionIntake
{
    /// <param name="organisation">The connector's organisation: a mention of any other organisation's brand is rejected.</param>
    Task<IntakeOutcome> RecordAsync(string organisation, IReadOnlyList<MentionObserved> mentions, CancellationToken cancellationToken);
}

/// <summary>What the intake did with a batch; <paramref name="Problems"/> names each rejected item's field and reason.</summary>
public sealed record IntakeOutcome(int Accepted, int Duplicate, int Rejected, IReadOnlyList<string> Problems);
