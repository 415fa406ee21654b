namespace Crisis.Detection.Replaying;

/// <summary>The first place where a replay and live disagree: position in the window's events, and each side's event (null when that side ended).</summary>
public sealed record ReplayDifference(int Index, string? Live, string? Replayed);

/// <summary>A replay's buzz events next to the live ones for the same brand and window.</summary>
public sealed record ReplayComparison(ReplayWindow Window, IReadOnlyList<object> Live, IReadOnlyList<object> Replayed)
{
    public ReplayDifference? FirstDifference { get; } = Compare(Live, Replayed);

    public bool ReproducesLive => FirstDifference is null;

    private static ReplayDifference? Compare(IReadOnlyList<object> live, IReadOnlyList<object> replayed)
    {
        for (var i = 0; i < Math.Max(live.Count, replayed.Count); i++)
        {
            var l = i < live.Count ? BuzzEventFacts.Text(live[i]) : null;
            var r = i < replayed.Count ? BuzzEventFacts.Text(replayed[i]) : null;
            if (!string.Equals(l, r, StringComparison.Ordinal)) return new ReplayDifference(i, l, r);
        }
        return null;
    }
}
