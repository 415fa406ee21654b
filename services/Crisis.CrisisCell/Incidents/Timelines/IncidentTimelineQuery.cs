using Crisis.PersonalData.Reading;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.Timelines;

public static class IncidentTimelineQuery
{
    public static void MapIncidentTimeline(this IEndpointRouteBuilder incidents) =>
        incidents.MapGet("/{id}/timeline", async (string id, IQuerySession session, HttpContext http, CancellationToken ct) =>
        {
            if (await IncidentAccess.FindAsync(session, http.User, id, ct) is not { } incident
                || await session.LoadAsync<IncidentTimeline>(IncidentStreams.KeyFor(id), ct) is not { } timeline) return IncidentHttp.NotFound(id);
            http.Response.Headers.ETag = IncidentHttp.ETag(timeline.Version);
            // The events quote posts by reference; the handles and words are read now, so erased authors show as such.
            return await http.OkWithQuotedPostsAsync(timeline, PostScope.OfBrand(incident.OrganisationId, incident.BrandId), ct);
        }).WithName("GetIncidentTimeline").RequireAuthorization(CrisisPolicies.Viewer);
}
