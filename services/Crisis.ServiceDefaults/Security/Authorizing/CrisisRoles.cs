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

    /// <summary>Lowest first.</summary>
    public static IReadOnlyList<string> Ladder { get; } = [Viewer, Responder, IncidentLead, Admin];

    public static bool IsKnown(string role) => Rank(role) >= 0;

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
