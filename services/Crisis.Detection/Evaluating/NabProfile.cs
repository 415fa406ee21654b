namespace Crisis.Detection.Evaluating;

/// <summary>Weights of one NAB scoring profile.</summary>
/// <param name="Name">Profile name as NAB spells it.</param>
/// <param name="TruePositive">A_TP: reward for a detection at a window's left edge.</param>
/// <param name="FalseNegative">A_FN: cost of a window without detection.</param>
/// <param name="FalsePositive">A_FP: cost of a detection far from any window.</param>
public sealed record NabProfile(string Name, double TruePositive, double FalseNegative, double FalsePositive)
{
    public static NabProfile Standard { get; } = new("standard", 1, 1, 0.11);

    public static NabProfile RewardLowFalsePositives { get; } = new("reward_low_FP_rate", 1, 1, 0.22);

    public static NabProfile RewardLowFalseNegatives { get; } = new("reward_low_FN_rate", 1, 2, 0.11);

    public static IReadOnlyList<NabProfile> All { get; } = [Standard, RewardLowFalsePositives, RewardLowFalseNegatives];
}
