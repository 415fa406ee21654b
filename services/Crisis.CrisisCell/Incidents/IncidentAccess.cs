using System.Security.Claims;
using Crisis.CrisisCell.Incidents.Summaries;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;

namespace Crisis.CrisisCell.Incidents;

/// <summary>
/// The one place that decides whether a caller may see or act on an incident: only incidents of the caller's
/// organisation exist for them. Another organisation's incident is answered like a missing one (404), so its
/// existence is not revealed.
/// </summary>
public static class IncidentAccess
{
    /// <summary>The incident when it exists and belongs to the caller's organisation; null otherwise.</summary>
    public static async Task<IncidentSummary?> FindAsync(IQuerySession session, ClaimsPrincipal caller, string incidentId, CancellationToken ct) =>
        await session.LoadAsync<IncidentSummary>(IncidentStreams.KeyFor(incidentId), ct) is { } summary && IsVisibleTo(summary, caller) ? summary : null;

    public static bool IsVisibleTo(IncidentSummary summary, ClaimsPrincipal caller) => summary.OrganisationId == caller.RequiredOrganisation();

    /// <summary>The caller's organisation's incidents, for lists.</summary>
    public static IQueryable<IncidentSummary> OfCaller(IQuerySession session, ClaimsPrincipal caller)
    {
        var organisation = caller.RequiredOrganisation();
        return session.Query<IncidentSummary>().Where(s => s.OrganisationId == organisation);
    }
}
