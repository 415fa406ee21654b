namespace Crisis.CrisisCell.OnCall;

/// <summary>
/// Who is paged while an incident stays unacknowledged: level 1 at once, level 2 after N minutes, and so on.
/// Each reached level is re-notified up to <see cref="RepeatLimit"/> more times, never more often than the
/// noise control's quiet interval.
/// </summary>
public sealed record EscalationPolicy(
    string OrganisationId,
    IReadOnlyList<EscalationLevel> Levels,
    int RepeatLimit,
    NoiseControl Noise);

/// <summary>A level pages whoever is on call, at that moment, in each of its rotations.</summary>
public sealed record EscalationLevel(int Level, TimeSpan AfterUnacknowledged, IReadOnlyList<string> RotationIds);

/// <summary>
/// What keeps responders from drowning: a cap on notifications per incident within a sliding window, a quiet
/// interval before anyone is re-notified, a grouping window so escalations arriving together make one
/// notification, and maintenance windows during which nothing is sent.
/// </summary>
public sealed record NoiseControl(
    int MaxNotificationsPerWindow,
    TimeSpan CapWindow,
    TimeSpan QuietRenotifyInterval,
    TimeSpan GroupingWindow,
    IReadOnlyList<MaintenanceWindow> MaintenanceWindows);

/// <summary>A planned quiet period, for one brand or (no brand) the whole organisation. Inclusive start, exclusive end.</summary>
public sealed record MaintenanceWindow(DateTimeOffset From, DateTimeOffset Until, string? BrandId = null)
{
    public bool Covers(string brandId, DateTimeOffset at) => From <= at && at < Until && (BrandId is null || BrandId == brandId);
}
