using Crisis.Detection.Evaluating;

namespace Crisis.Detection.Tests.Evaluating;

public class When_scoring_by_nab_rules
{
    // 1,000 rows of 5 minutes: probation = 150 rows; one window over rows 400..499.
    private static readonly DateTimeOffset T0 = new(2015, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] Timestamps = Enumerable.Range(0, 1000).Select(i => T0.AddMinutes(5 * i)).ToArray();
    private static readonly NabWindow[] Windows = [new(T0.AddMinutes(5 * 400), T0.AddMinutes(5 * 499))];

    private static NabFileScore Score(NabProfile profile, params int[] detections)
    {
        var flags = new bool[Timestamps.Length];
        foreach (var row in detections) flags[row] = true;
        return NabScorer.ScoreFile(Timestamps, flags, Windows, profile);
    }

    [Test]
    public void A_detection_at_the_window_start_earns_the_full_reward()
    {
        Assert.That(Score(NabProfile.Standard, 400).Score, Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void A_detection_at_the_window_end_earns_almost_nothing()
    {
        var score = Score(NabProfile.Standard, 499).Score;
        Assert.That(score, Is.EqualTo((2 / (1 + Math.Exp(5 * -0.01)) - 1) / (2 / (1 + Math.Exp(-5.0)) - 1)).Within(1e-12));
        Assert.That(score, Is.InRange(0, 0.03));
    }

    [Test]
    public void Only_the_earliest_detection_in_a_window_counts()
    {
        Assert.That(Score(NabProfile.Standard, 450, 401, 480).Score, Is.EqualTo(Score(NabProfile.Standard, 401).Score).Within(1e-12));
    }

    [Test]
    public void A_missed_window_costs_the_false_negative_weight()
    {
        Assert.That(Score(NabProfile.Standard).Score, Is.EqualTo(-1));
        Assert.That(Score(NabProfile.RewardLowFalseNegatives).Score, Is.EqualTo(-2));
    }

    [Test]
    public void A_false_positive_before_any_window_costs_the_full_weight()
    {
        Assert.That(Score(NabProfile.Standard, 200).Score, Is.EqualTo(-1 - 0.11).Within(1e-12));
        Assert.That(Score(NabProfile.RewardLowFalsePositives, 200).Score, Is.EqualTo(-1 - 0.22).Within(1e-12));
    }

    [Test]
    public void A_false_positive_just_after_a_window_costs_little_and_far_after_it_the_full_weight()
    {
        var justAfter = Score(NabProfile.Standard, 400, 510).Score - 1;
        Assert.That(justAfter, Is.EqualTo(0.11 * (2 / (1 + Math.Exp(5 * 11 / 99.0)) - 1)).Within(1e-12));
        Assert.That(Score(NabProfile.Standard, 400, 900).Score - 1, Is.EqualTo(-0.11).Within(1e-12));
    }

    [Test]
    public void Detections_in_the_probationary_period_are_ignored()
    {
        Assert.That(NabScorer.ProbationaryRows(1000), Is.EqualTo(150));
        Assert.That(NabScorer.ProbationaryRows(15_900), Is.EqualTo(750));
        Assert.That(Score(NabProfile.Standard, 100).Score, Is.EqualTo(-1));
    }

    [Test]
    public void Normalisation_maps_the_null_detector_to_0_and_a_perfect_one_to_100()
    {
        Assert.That(NabScorer.Normalise(-16, 16, NabProfile.Standard), Is.EqualTo(0));
        Assert.That(NabScorer.Normalise(16, 16, NabProfile.Standard), Is.EqualTo(100));
        Assert.That(NabScorer.Normalise(0, 16, NabProfile.Standard), Is.EqualTo(50));
        Assert.That(NabScorer.Normalise(-32, 16, NabProfile.RewardLowFalseNegatives), Is.EqualTo(0));
    }
}
