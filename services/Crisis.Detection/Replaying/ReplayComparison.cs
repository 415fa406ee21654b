namespace Crisis.Detection.Replaying;

/// <summary>The first place where a replay and live disagree: position in the window's events, and each side's event (null when that side ended).</summary>
public sealed record ReplayDifference(int Index, string? Live, string? Replayed);

/// <summary>A replay's buzz events next to the live ones for the same brand and window.</summary>
public sealed record ReplayComparison(ReplayWindow Window, IReadOnlyList<object> Live, IReadOnlyList<object> Replayed)
{
    public ReplayDifference? FirstDifference { get; } = Compare(Live, Replayed);

    public bool ReproducesLive => FirstDifference is null;

    /// <summary>
    /// Compares values, not texts: live events come back from the store's jsonb, which orders object keys its own
    /// way (a dictionary of languages, for one), so their text may differ from a fresh replay's while every fact agrees.
    /// The text is kept for showing the first difference.
    /// </summary>
    private static ReplayDifference? Compare(IReadOnlyList<object> live, IReadOnlyList<object> replayed)
    {
        for (var i = 0; i < Math.Max(live.Count, replayed.Count); i++)
        {
            var l = i < live.Count ? live[i] : null;
            var r = i < replayed.Count ? replayed[i] : null;
            if (l is null || r is null || !BuzzEventFacts.SameFacts(l, r))
                return new ReplayDifference(i, l is null ? null : BuzzEventFacts.Text(l), r is null ? null : BuzzEventFacts.Text(r));
        }
        return null;
    }
}
