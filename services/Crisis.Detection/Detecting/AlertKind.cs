namespace Crisis.Detection.Detecting;

/// <summary>Why a bucket pages the crisis cell.</summary>
public enum AlertKind
{
    /// <summary>No page.</summary>
    None = 0,
    /// <summary>A new episode started (first page of a buzz).</summary>
    EpisodeStart = 1,
    /// <summary>A running episode crossed the crisis threshold.</summary>
    Escalation = 2,
}
