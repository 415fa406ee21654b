using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.Summaries;

public static class IncidentQueries
{
    public static void MapIncidentQueries(this IEndpointRouteBuilder incidents)
    {
        incidents.MapGet("", async (string? brandId, IncidentStatus? status, IQuerySession session, HttpContext http, CancellationToken ct) =>
        {
            var query = IncidentAccess.OfCaller(session, http.User);
            if (brandId is not null) query = query.Where(s => s.BrandId == brandId);
            if (status is { } wanted) query = query.Where(s => s.Status == wanted);
            return Results.Ok(await query.OrderByDescending(s => s.OpenedAt).ToListAsync(ct));
        }).WithName("ListIncidents").RequireAuthorization(CrisisPolicies.Viewer);

        incidents.MapGet("/{id}", async (string id, IQuerySession session, HttpContext http, CancellationToken ct) =>
        {
            if (await IncidentAccess.FindAsync(session, http.User, id, ct) is not { } summary) return IncidentHttp.NotFound(id);
            // The version to send back as If-Match with the next command.
            http.Response.Headers.ETag = IncidentHttp.ETag(summary.Version);
            return Results.Ok(summary);
        }).WithName("GetIncident").RequireAuthorization(CrisisPolicies.Viewer);
    }
}
