using System.Text.Json;
using Crisis.Detection.Buzz;
using Crisis.Detection.Replaying;

namespace Crisis.Detection.Tests.Replaying;

public class When_comparing_live_and_replayed_events
{
    private static readonly DateTimeOffset Bucket = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly ReplayWindow Window = new("acme", Bucket.AddHours(-1), Bucket.AddHours(1));

    /// <summary>A spike whose evidence holds a dictionary: its keys come back from the store's jsonb in jsonb's order.</summary>
    private static PositiveSpikeObserved Spike(IReadOnlyDictionary<string, long> languages, double negativeShare = 0.1) =>
        new("acme", Bucket.AddMinutes(-30), Bucket, 4, new BuzzEvidence([], [], [], [new TermCount("launch", 12)], languages, 40, 10, negativeShare, 3));

    [Test]
    public void Events_equal_in_value_with_keys_in_another_order_reproduce_live()
    {
        var live = Spike(new Dictionary<string, long> { ["ar"] = 5, ["fr"] = 30 });
        var replayed = Spike(new Dictionary<string, long> { ["fr"] = 30, ["ar"] = 5 });
        Assert.That(BuzzEventFacts.Text(live), Is.Not.EqualTo(BuzzEventFacts.Text(replayed)), "the texts differ, as they did for crisis replay");

        var comparison = new ReplayComparison(Window, [live], [replayed]);

        Assert.That(comparison.FirstDifference, Is.Null);
        Assert.That(comparison.ReproducesLive, Is.True);
    }

    [Test]
    public void A_real_difference_is_reported_with_both_texts()
    {
        var live = Spike(new Dictionary<string, long> { ["ar"] = 5, ["fr"] = 30 });
        var replayed = Spike(new Dictionary<string, long> { ["fr"] = 30, ["ar"] = 6 });

        var comparison = new ReplayComparison(Window, [live], [replayed]);

        Assert.That(comparison.ReproducesLive, Is.False);
        Assert.That(comparison.FirstDifference, Is.EqualTo(new ReplayDifference(0, BuzzEventFacts.Text(live), BuzzEventFacts.Text(replayed))));
    }

    [Test]
    public void A_side_that_ends_early_is_a_difference() =>
        Assert.That(new ReplayComparison(Window, [Spike(new Dictionary<string, long>())], []).FirstDifference!.Replayed, Is.Null);

    [Test]
    public void Events_of_different_types_differ() =>
        Assert.That(BuzzEventFacts.SameFacts(new BuzzSubsided("acme", "acme/1", Bucket, Bucket, 5), new LateMentionsSetAside("acme", Bucket, 5)), Is.False);

    [TestCase("""{"a":1,"b":[1,2]}""", """{"b":[1,2],"a":1}""", true, TestName = "{m}(keys in another order)")]
    [TestCase("""{"a":1}""", """{"a":1.0}""", true, TestName = "{m}(a number spelt another way)")]
    [TestCase("""{"a":100}""", """{"a":1e2}""", true, TestName = "{m}(a number with an exponent)")]
    [TestCase("""{"a":[1,2]}""", """{"a":[2,1]}""", false, TestName = "{m}(arrays keep their order)")]
    [TestCase("""{"a":1}""", """{"a":1,"b":null}""", false, TestName = "{m}(a key only on one side)")]
    [TestCase("""{"a":"1"}""", """{"a":1}""", false, TestName = "{m}(a string is not a number)")]
    [TestCase("""{"a":0.1}""", """{"a":0.10000000000000002}""", false, TestName = "{m}(numbers differing in the last digit)")]
    public void Json_values_compare_by_structure(string left, string right, bool same)
    {
        using var l = JsonDocument.Parse(left);
        using var r = JsonDocument.Parse(right);

        Assert.That(BuzzEventFacts.SameValue(l.RootElement, r.RootElement), Is.EqualTo(same));
    }
}
