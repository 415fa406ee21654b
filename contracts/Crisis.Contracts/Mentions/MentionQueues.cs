namespace Crisis.Contracts.Mentions;

/// <summary>Queue names connectors send to and read from: part of the contract, so they never change silently.</summary>
public static class MentionQueues
{
    /// <summary>
    /// The intake's quorum queue. Connectors publish <see cref="MentionObserved"/> (MassTransit routes it here), or send to
    /// the exchange of the same name; never declare the queue yourself (it is a quorum queue with a delivery limit).
    /// </summary>
    public const string Observed = "crisis-mentions";

    /// <summary>Crisis sends <see cref="MentionRejected"/> here for every mention that failed validation.</summary>
    public const string Rejected = "crisis-mentions-rejected";
}
