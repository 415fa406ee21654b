using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Incidents;

/// <summary>The checks every incident command shares, so that refusals read the same everywhere.</summary>
internal static class Refusals
{
    public static Incident RequireOpened(IncidentState state, string incidentId) => state switch
    {
        Incident incident => incident,
        _ => throw new DomainRefusalException($"incident '{incidentId}' has not been opened"),
    };

    public static Incident RequireNotClosed(IncidentState state, string incidentId, string action)
    {
        var incident = RequireOpened(state, incidentId);
        return incident.Status == IncidentStatus.Closed
            ? throw new DomainRefusalException($"cannot {action}: incident '{incidentId}' is closed")
            : incident;
    }

    public static void Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DomainRefusalException($"{field} is required", DomainRefusalKind.Invalid);
    }

    public static void Invalid(bool condition, string message)
    {
        if (condition)
            throw new DomainRefusalException(message, DomainRefusalKind.Invalid);
    }

    public static DomainRefusalException Conflict(string message) => new(message, DomainRefusalKind.Conflict);
}
