using Crisis.Reporting.Measuring;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Reporting.WritingPostMortems;

public static class PostMortemEndpoint
{
    /// <summary><c>GET /api/incidents/{id}/report</c>: the printable post-mortem page, as of now.</summary>
    public static void MapPostMortem(this IEndpointRouteBuilder incidents) =>
        incidents.MapGet("/{id}/report", async (string id, IQuerySession session, IncidentFactsReader reader, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            if (await reader.ReadAsync(session, id, now, reader.Options, ct) is not { } facts)
                return ReportingHttp.NotFound("No such incident", $"incident '{id}' does not exist", "id");
            return Results.Content(PostMortemReport.Render(facts, IncidentMeasurement.Measure(facts, reader.Options, now)), "text/html; charset=utf-8");
        }).WithName("GetIncidentReport").WithSummary("The incident's post-mortem: a self-contained, printable HTML page")
        .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status404NotFound);
}
