namespace Crisis.Detection.Detecting;

/// <summary>Where a series stands in the life of a buzz: Calm → Watch → Rising → Crisis → Subsiding → Calm.</summary>
public enum BuzzPhase
{
    /// <summary>Volume within its usual range.</summary>
    Calm = 0,
    /// <summary>Unusual volume, not (yet) persistent or large enough to page anyone.</summary>
    Watch = 1,
    /// <summary>An episode is running: the deviation persisted above the alert threshold.</summary>
    Rising = 2,
    /// <summary>The running episode crossed the crisis threshold.</summary>
    Crisis = 3,
    /// <summary>The episode is calming down; it ends after a quiet period.</summary>
    Subsiding = 4,
}
