using Crisis.ServiceDefaults.Http.Validating;
using Crisis.CrisisCell.Configuring;
using Crisis.Ingestion.Brands;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.Opening;

/// <param name="Id">
/// Refused when given: ids are assigned by the server (the new one is in <c>Location</c> and the body), so that no caller
/// can take the id of an incident a buzz of another organisation's brand will open.
/// </param>
public sealed record OpenIncidentRequest(string? Id, [property: Identifier] string? BrandId, [property: SingleLine(200)] string? Title, [property: Within(1, 10)] int? Severity);

public static class OpenIncidentEndpoint
{
    public static void MapOpenIncident(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("", HandleAsync).WithName("OpenIncident").RequireAuthorization(CrisisPolicies.IncidentLead);

    private static async Task<IResult> HandleAsync(
        OpenIncidentRequest request, IDocumentSession session, BrandCrisisSettings settings, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (request.Id is not null)
            return IncidentHttp.Invalid("id", "is assigned by the server: leave it out (the new incident's id is in the Location header and the body)");
        var brandId = request.BrandId?.Trim() ?? "";
        if (brandId.Length == 0) return IncidentHttp.Invalid("brandId", "is required");
        if (await BrandAccess.FindAsync(session, http.User, brandId, ct) is not { } brand)
            return IncidentHttp.Invalid("brandId", $"brand '{brandId}' is not registered");
        brandId = brand.BrandId;
        if (request.Severity is not { } severity) return IncidentHttp.Invalid("severity", "is required, from 1 to 10");

        var incidents = await BrandIncidents.LoadAsync(session, brandId, ct);
        var id = IncidentIds.ForManual(brandId);
        var command = new OpenIncidentByHand(id, brand.OrganisationId, brandId, request.Title?.Trim() ?? "", severity,
            settings.PlaybookFor(brand.OrganisationId), incidents.LastClosedIncidentId, IncidentHttp.Actor(http), clock.GetUtcNow());
        var (events, version) = await session.HandleAsync(IncidentStreams.KeyFor(id), IncidentDecider.Instance, command, expectedVersion: null, ct);
        http.Response.Headers.ETag = IncidentHttp.ETag(version);
        var result = new IncidentCommandResult(id, version, [.. events.Select(IncidentEventNames.Of)]);
        return events.Count > 0 ? Results.Created($"/api/incidents/{id}", result) : Results.Ok(result);
    }
}
