using Crisis.CrisisCell.Incidents;
using Crisis.Reporting.Measuring;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Reporting.WritingPostMortems;

public static class PostMortemEndpoint
{
    /// <summary><c>GET /api/incidents/{id}/report</c>: the printable post-mortem page, as of now.</summary>
    public static void MapPostMortem(this IEndpointRouteBuilder incidents) =>
        incidents.MapGet("/{id}/report", async (string id, IQuerySession session, IncidentFactsReader reader, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            // Another organisation's incident is answered as a missing one.
            if (await IncidentAccess.FindAsync(session, http.User, id, ct) is null || await reader.ReadAsync(session, id, now, reader.Options, ct) is not { } facts)
                return ReportingHttp.NotFound("No such incident", $"incident '{id}' does not exist", "id");
            return Results.Content(PostMortemReport.Render(facts, IncidentMeasurement.Measure(facts, reader.Options, now)), "text/html; charset=utf-8");
        }).WithName("GetIncidentReport").RequireAuthorization(CrisisPolicies.Viewer).WithSummary("The incident's post-mortem: a self-contained, printable HTML page")
        .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status404NotFound);
}
