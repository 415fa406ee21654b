namespace Crisis.CrisisCell.Desk.KeepingServiceLevels;

/// <summary>
/// At most one first-answer warning per person and interval (<c>Desk:ServiceLevelWarningMinutes</c>): a backlog imported at
/// once breaches thousands of targets over many rounds, and a warning every round would flood the on-call lead. A warning
/// the gate holds back is counted, and the person's next warning says how many breaches were held since the last one (the
/// breaches themselves stay recorded on the conversations and the queue shows them). Kept per node, in memory: with several
/// nodes a person gets at most one warning per interval from each.
/// </summary>
public sealed class WarningGate
{
    private readonly Dictionary<(string Organisation, string Recipient), (DateTimeOffset LastSent, int Held)> people = [];
    private readonly Lock guard = new();

    /// <summary>
    /// Whether <paramref name="recipient"/> may be warned of <paramref name="breaches"/> breaches now: the number of breaches
    /// held back since their last warning (to be told in this one), or null when this one is held back too.
    /// </summary>
    public int? Pass(string organisationId, string recipient, int breaches, DateTimeOffset now, TimeSpan interval)
    {
        lock (guard)
        {
            var key = (organisationId, recipient);
            if (people.TryGetValue(key, out var last) && now - last.LastSent < interval)
            {
                people[key] = last with { Held = last.Held + breaches };
                return null;
            }
            people[key] = (now, 0);
            return last.Held;
        }
    }
}
