namespace Crisis.ServiceDefaults.Security.Authorizing;

/// <summary>
/// The people's roles, as a ladder: each role may do what the roles below it may. A communications director
/// reads (viewer); the on-call cell acts on incidents (responder); the incident lead steers them (open, assign,
/// escalate, resolve, close, reopen) and reads the audit; the admin configures the organisation (brands,
/// campaigns, API keys).
/// </summary>
public static class CrisisRoles
{
    public const string Viewer = "viewer";
    public const string Responder = "responder";
    public const string IncidentLead = "incident-lead";
    public const string Admin = "admin";

    /// <summary>
    /// Off the ladder: whoever runs the hosts. It reads host-wide figures (<c>/metrics</c>: every organisation's
    /// counts) and nothing of any organisation's data; no organisation role grants it, and it grants no other.
    /// </summary>
    public const string Operator = "operator";

    /// <summary>Lowest first.</summary>
    public static IReadOnlyList<string> Ladder { get; } = [Viewer, Responder, IncidentLead, Admin];

    public static bool IsKnown(string role) => Rank(role) >= 0 || string.Equals(role, Operator, StringComparison.Ordinal);

    /// <summary>Every role a token may carry: the ladder, then <see cref="Operator"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Ladder, Operator];

    /// <summary>Whether any of the held roles reaches the required one; unknown roles grant nothing.</summary>
    public static bool Grants(IEnumerable<string> held, string required)
    {
        var needed = Rank(required);
        if (needed < 0) throw new ArgumentException($"unknown role '{required}'", nameof(required));
        return held.Any(role => Rank(role) >= needed);
    }

    private static int Rank(string role)
    {
        for (var i = 0; i < Ladder.Count; i++)
        {
            if (string.Equals(Ladder[i], role, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
