namespace Crisis.CrisisCell.OnCall;

/// <summary>A person who can be paged; how they are reached is their contact endpoints (<c>Notifying/Configuring</c>).</summary>
public sealed record Responder(string Id);

/// <summary>
/// A rotation: from <see cref="StartsAt"/>, each member in turn holds a shift of <see cref="ShiftLength"/>, then
/// the next takes over, round and round. Who is on call is computed, never stored, so a replay agrees.
/// </summary>
public sealed record Rotation(string Id, DateTimeOffset StartsAt, TimeSpan ShiftLength, IReadOnlyList<Responder> Members)
{
    /// <summary>Who holds the shift at <paramref name="at"/>; nobody before the rotation starts.</summary>
    public Responder? OnCallAt(DateTimeOffset at)
    {
        if (at < StartsAt || Members.Count == 0 || ShiftLength <= TimeSpan.Zero)
            return null;
        var shift = (at - StartsAt).Ticks / ShiftLength.Ticks;
        return Members[(int)(shift % Members.Count)];
    }

    /// <summary>When the shift held at <paramref name="at"/> ends (or the rotation starts): someone else may be on call then.</summary>
    public DateTimeOffset? NextHandoverAfter(DateTimeOffset at)
    {
        if (Members.Count == 0 || ShiftLength <= TimeSpan.Zero) return null;
        if (at < StartsAt) return StartsAt;
        var shift = (at - StartsAt).Ticks / ShiftLength.Ticks;
        return StartsAt + TimeSpan.FromTicks((shift + 1) * ShiftLength.Ticks);
    }
}

/// <summary>An organisation's rotations.</summary>
public sealed record OnCallRoster(string OrganisationId, IReadOnlyList<Rotation> Rotations)
{
    public Rotation? Rotation(string id) => Rotations.FirstOrDefault(r => r.Id == id);

    /// <summary>A responder, wherever they appear in the roster.</summary>
    public Responder? Responder(string id) => Rotations.SelectMany(r => r.Members).FirstOrDefault(m => m.Id == id);
}
