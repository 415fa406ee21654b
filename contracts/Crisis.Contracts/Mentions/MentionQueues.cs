namespace Crisis.Contracts.Mentions;

/// <summary>Queue names connectors send to and read from: part of the contract, so they never change silently.</summary>
public static class MentionQueues
{
    /// <summary>Connectors send <see cref="MentionObserved"/> here.</summary>
    public const string Observed = "crisis-mentions";

    /// <summary>Crisis sends <see cref="MentionRejected"/> here for every mention that failed validation.</summary>
    public const string Rejected = "crisis-mentions-rejected";
}
