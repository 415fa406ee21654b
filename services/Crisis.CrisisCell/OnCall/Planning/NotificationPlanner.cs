using Crisis.CrisisCell.Incidents;

namespace Crisis.CrisisCell.OnCall.Planning;

/// <summary>
/// Decides which notifications are due now for one incident. Pure: the caller passes the incident, the
/// organisation's policy and roster, what was already sent for this incident, and the time; it sends the result
/// and records it as sent. Running it twice before the sends are recorded yields the same keys, so delivery dedups.
/// </summary>
public static class NotificationPlanner
{
    public static IReadOnlyList<DueNotification> Plan(
        Incident incident, EscalationPolicy policy, OnCallRoster roster, IReadOnlyCollection<SentNotification> sent, DateTimeOffset now)
    {
        // Resolved, closed, or opened quietly from late evidence: importing history pages nobody unless asked.
        if (incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed || incident.Quiet)
            return [];
        if (policy.Noise.MaintenanceWindows.Any(w => w.Covers(incident.BrandId, now)))
            return [];

        IEnumerable<Candidate> candidates = incident.Status == IncidentStatus.Opened
            ? Pages(incident, policy, roster, sent, now)
            : [.. Escalations(incident, policy, roster, sent).Select(n => new Candidate(n, false)),
               .. BuzzUpdates(incident, policy, roster, sent, now).Select(n => new Candidate(n, false))];

        return ApplyCap(candidates, policy.Noise, sent, now);
    }

    /// <summary>Unacknowledged: every level reached by time, or raised to by an escalation, pages whoever is on call now.</summary>
    /// <summary>A due notification, and whether it repeats one already sent in this round of paging.</summary>
    private sealed record Candidate(DueNotification Notification, bool IsRepeat);

    private static List<Candidate> Pages(
        Incident incident, EscalationPolicy policy, OnCallRoster roster, IReadOnlyCollection<SentNotification> sent, DateTimeOffset now)
    {
        var elapsed = now - incident.PagingSince;
        var due = new List<Candidate>();
        foreach (var (level, responder) in Recipients(ReachedLevels(policy, elapsed, incident.EscalationLevel), roster, now))
        {
            var previous = sent.Where(s => s.Kind == NotificationKind.Page && s.Level == level && s.Recipient == responder.Id).ToList();
            var thisRound = previous.Where(s => s.SentAt >= incident.PagingSince).ToList();
            var isDue = thisRound.Count == 0
                || (thisRound.Count <= policy.RepeatLimit && now - thisRound.Max(s => s.SentAt) >= policy.Noise.QuietRenotifyInterval);
            if (isDue)
                due.Add(new Candidate(Notification(incident, NotificationKind.Page, level, responder, previous.Count + 1), thisRound.Count > 0));
        }
        return due;
    }

    /// <summary>Owned but raised: each level up to the incident's is told once, without repeats (someone is already on it).</summary>
    private static IEnumerable<DueNotification> Escalations(
        Incident incident, EscalationPolicy policy, OnCallRoster roster, IReadOnlyCollection<SentNotification> sent)
    {
        // Escalations raised before the acknowledgement were paged as such; only a later raise needs telling.
        if (incident.EscalationLevel < 2 || incident.LastEscalatedAt is not { } escalatedAt || escalatedAt < incident.AcknowledgedAt)
            yield break;
        var levels = policy.Levels.Where(l => l.Level >= 2 && l.Level <= incident.EscalationLevel);
        foreach (var (level, responder) in Recipients(levels, roster, escalatedAt))
        {
            var previous = sent.Where(s => s.Kind == NotificationKind.Escalated && s.Level == level && s.Recipient == responder.Id).ToList();
            if (previous.All(s => s.SentAt < incident.PagingSince))
                yield return Notification(incident, NotificationKind.Escalated, level, responder, previous.Count + 1);
        }
    }

    /// <summary>
    /// Later escalations of the buzz reach the owner and the incident lead. Escalations arriving together make one
    /// notification: see <see cref="BuzzUpdateDueAt"/>.
    /// </summary>
    private static IEnumerable<DueNotification> BuzzUpdates(
        Incident incident, EscalationPolicy policy, OnCallRoster roster, IReadOnlyCollection<SentNotification> sent, DateTimeOffset now)
    {
        if (BuzzUpdateDueAt(incident, policy, sent) is not { } dueAt || now < dueAt)
            yield break;

        var previous = sent.Where(s => s.Kind == NotificationKind.BuzzWorsened).ToList();
        var owners = new[] { incident.AcknowledgedBy, incident.Roles.GetValueOrDefault(IncidentRole.IncidentLead) }
            .OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            var responder = roster.Responder(owner) ?? new Responder(owner);
            var attempt = previous.Count(s => s.Recipient == owner && s.Level == incident.EscalationLevel) + 1;
            yield return Notification(incident, NotificationKind.BuzzWorsened, incident.EscalationLevel, responder, attempt);
        }
    }

    /// <summary>
    /// When the owner should next hear that the buzz worsened, or null when there is nothing new to tell. The first
    /// escalation not yet reported waits one grouping window for the others arriving with it (an alert manager's
    /// "group wait"), and two such notifications are at least a grouping window apart. The caller can wake up then
    /// rather than wait for its next periodic round.
    /// </summary>
    public static DateTimeOffset? BuzzUpdateDueAt(Incident incident, EscalationPolicy policy, IReadOnlyCollection<SentNotification> sent)
    {
        if (incident.Status is not (IncidentStatus.Acknowledged or IncidentStatus.Monitoring))
            return null;
        var lastSent = sent.Where(s => s.Kind == NotificationKind.BuzzWorsened).Select(s => (DateTimeOffset?)s.SentAt).Max();
        // The first buzz update is the one that opened the incident: the page covered it. A page detected before one
        // already recorded (the episode's pages consumed out of order) is old news, not a worsening.
        var firstUnreported = incident.BuzzUpdates.Skip(1)
            .Where((u, i) => u.DetectedAt >= incident.BuzzUpdates.Take(i + 1).Max(p => p.DetectedAt))
            .Where(u => u.RecordedAt > (lastSent ?? incident.OpenedAt)).Select(u => (DateTimeOffset?)u.RecordedAt).Min();
        if (firstUnreported is not { } first)
            return null;
        var window = policy.Noise.GroupingWindow;
        return lastSent is { } last && last + window > first + window ? last + window : first + window;
    }

    /// <summary>
    /// The next moment something not due now may come due by time alone: the next level of an unacknowledged incident,
    /// a quiet re-notification, a grouped buzz notice, the end of a maintenance window, a rotation handing over while
    /// the incident is paged, room freed under the frequency cap. Null when nothing will. The caller plans the incident
    /// again then (a durable timeout): nothing else wakes the planner.
    /// </summary>
    public static DateTimeOffset? NextDueAt(
        Incident incident, EscalationPolicy policy, OnCallRoster roster, IReadOnlyCollection<SentNotification> sent, DateTimeOffset now)
    {
        if (incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed || incident.Quiet)
            return null;
        var times = new List<DateTimeOffset>();
        if (BuzzUpdateDueAt(incident, policy, sent) is { } grouped) times.Add(grouped);
        times.AddRange(policy.Noise.MaintenanceWindows.Where(w => w.Covers(incident.BrandId, now)).Select(w => w.Until));
        if (incident.Status == IncidentStatus.Opened)
        {
            var elapsed = now - incident.PagingSince;
            times.AddRange(policy.Levels
                .Where(l => l.AfterUnacknowledged > elapsed && l.Level > incident.EscalationLevel)
                .Select(l => incident.PagingSince + l.AfterUnacknowledged));
            foreach (var (level, responder) in Recipients(ReachedLevels(policy, elapsed, incident.EscalationLevel), roster, now))
            {
                var thisRound = sent.Where(s => s.Kind == NotificationKind.Page && s.Level == level && s.Recipient == responder.Id && s.SentAt >= incident.PagingSince).ToList();
                if (thisRound.Count > 0 && thisRound.Count <= policy.RepeatLimit)
                    times.Add(thisRound.Max(s => s.SentAt) + policy.Noise.QuietRenotifyInterval);
            }
            // Whoever takes over a reached level's rotation has not been paged yet.
            times.AddRange(ReachedLevels(policy, elapsed, incident.EscalationLevel)
                .SelectMany(l => l.RotationIds)
                .Select(id => roster.Rotation(id)?.NextHandoverAfter(now))
                .OfType<DateTimeOffset>());
        }
        // The cap is full: the oldest notification in its window leaving it makes room for what was held back.
        var inWindow = sent.Where(s => s.SentAt > now - policy.Noise.CapWindow && s.SentAt <= now).ToList();
        if (inWindow.Count >= policy.Noise.MaxNotificationsPerWindow && inWindow.Count > 0)
            times.Add(inWindow.Min(s => s.SentAt) + policy.Noise.CapWindow);
        return times.Where(t => t > now).Select(t => (DateTimeOffset?)t).Min();
    }

    private static IEnumerable<EscalationLevel> ReachedLevels(EscalationPolicy policy, TimeSpan elapsed, int raisedTo) =>
        policy.Levels.Where(l => l.AfterUnacknowledged <= elapsed || l.Level <= raisedTo);

    /// <summary>
    /// Whoever is on call in each level's rotations. A person reached at several levels at once is notified once,
    /// at the highest: escalations arriving together group into one notification.
    /// </summary>
    private static IEnumerable<(int Level, Responder Responder)> Recipients(IEnumerable<EscalationLevel> levels, OnCallRoster roster, DateTimeOffset at) =>
        levels
            .SelectMany(l => l.RotationIds
                .Select(id => roster.Rotation(id)?.OnCallAt(at))
                .OfType<Responder>()
                .Select(r => (l.Level, Responder: r)))
            .GroupBy(x => x.Responder.Id, StringComparer.Ordinal)
            .Select(g => g.MaxBy(x => x.Level))
            .OrderByDescending(x => x.Level)
            .ThenBy(x => x.Responder.Id, StringComparer.Ordinal);

    /// <summary>
    /// The frequency cap: at most N notifications per incident within the sliding window. What gets through first:
    /// first notifications before repeats, higher levels before lower (a higher level means the lower one failed).
    /// </summary>
    private static List<DueNotification> ApplyCap(
        IEnumerable<Candidate> candidates, NoiseControl noise, IReadOnlyCollection<SentNotification> sent, DateTimeOffset now)
    {
        var recent = sent.Count(s => s.SentAt > now - noise.CapWindow && s.SentAt <= now);
        var room = Math.Max(0, noise.MaxNotificationsPerWindow - recent);
        return [.. candidates
            .OrderBy(c => c.IsRepeat)
            .ThenBy(c => c.Notification.Kind == NotificationKind.BuzzWorsened)
            .ThenByDescending(c => c.Notification.Level)
            .Take(room)
            .Select(c => c.Notification)];
    }

    private static DueNotification Notification(Incident incident, NotificationKind kind, int level, Responder responder, int attempt) =>
        new(incident.IncidentId, kind, level, responder.Id, attempt,
            NotificationKeys.For(incident.IncidentId, kind, level, responder.Id, attempt));
}
