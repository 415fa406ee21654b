using Crisis.CrisisCell.Incidents;
using Crisis.Reporting.Measuring;
using Crisis.ServiceDefaults.Localisation;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Reporting.WritingPostMortems;

public static class PostMortemEndpoint
{
    /// <summary><c>GET /api/incidents/{id}/report</c>: the printable post-mortem page, as of now, in the reader's language and zone.</summary>
    public static void MapPostMortem(this IEndpointRouteBuilder incidents) =>
        incidents.MapGet("/{id}/report", async (string id, string? timeZone, string? language, IQuerySession session, IncidentFactsReader reader, DisplaySettings display, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var organisation = display.For(http.User.RequiredOrganisation());
            // The zone asked for (?timeZone=Africa/Algiers), else the reader's (token), else their organisation's default.
            var zone = http.User.TimeZone() ?? organisation.TimeZone;
            if (timeZone is not null && !ViewerZone.TryParse(timeZone, out zone))
                return ReportingHttp.Invalid(new Dictionary<string, string[]> { ["timeZone"] = [ViewerZone.Rule] }, "The report query is not valid");
            // The language asked for (?language=ar, what the dashboard reads in), else the reader's as the dashboard chooses it.
            var words = ReaderLanguage(http, organisation);
            if (language is not null && !UiLanguage.TryParse(language, out words))
                return ReportingHttp.Invalid(new Dictionary<string, string[]> { ["language"] = [UiLanguage.Rule] }, "The report query is not valid");
            var now = clock.GetUtcNow();
            // Another organisation's incident is answered as a missing one.
            if (await IncidentAccess.FindAsync(session, http.User, id, ct) is not { } incident || await reader.ReadAsync(session, id, now, reader.Options, ct) is not { } facts)
                return ReportingHttp.NotFound("No such incident", $"incident '{id}' does not exist", "id");
            var desk = await DeskSection.MeasureAsync(session, incident.OrganisationId, id, now, ct);
            return Results.Content(PostMortemReport.Render(facts, IncidentMeasurement.Measure(facts, reader.Options, now), new ReportReader(words, zone),
                (await session.LoadAsync<Crisis.Ingestion.Brands.BrandProfile>(Crisis.Ingestion.Brands.BrandStreams.KeyFor(incident.BrandId), ct))?.Name, desk), "text/html; charset=utf-8");
        }).WithName("GetIncidentReport").RequireAuthorization(CrisisPolicies.Viewer).WithSummary("The incident's post-mortem: a self-contained, printable HTML page")
        .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>The token's locale, else the organisation's chosen language, else the client's Accept-Language, else the default: the dashboard's order.</summary>
    private static UiLanguage ReaderLanguage(HttpContext http, OrganisationDisplay organisation) =>
        http.User.Locale()
        ?? (organisation.LanguageIsChosen ? organisation.Language : UiLanguage.FromAcceptLanguage(http.Request.Headers.AcceptLanguage.ToString()))
        ?? organisation.Language;
}
