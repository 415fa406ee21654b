using Crisis.CrisisCell.Configuring;
using Crisis.CrisisCell.Incidents.Summaries;
using Crisis.Ingestion.Brands;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.Opening;

/// <param name="Id">Chosen by the client so that a retried request opens one incident; generated when absent.</param>
public sealed record OpenIncidentRequest(string? Id, string? BrandId, string? Title, int? Severity);

public static class OpenIncidentEndpoint
{
    public static void MapOpenIncident(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("", HandleAsync).WithName("OpenIncident").RequireAuthorization(CrisisPolicies.IncidentLead);

    private static async Task<IResult> HandleAsync(
        OpenIncidentRequest request, IDocumentSession session, BrandCrisisSettings settings, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var brandId = request.BrandId?.Trim() ?? "";
        if (brandId.Length == 0) return IncidentHttp.Invalid("brandId", "is required");
        if (await BrandAccess.FindAsync(session, http.User, brandId, ct) is not { } brand)
            return IncidentHttp.Invalid("brandId", $"brand '{brandId}' is not registered");
        brandId = brand.BrandId;
        if (request.Severity is not { } severity) return IncidentHttp.Invalid("severity", "is required, from 1 to 10");

        var incidents = await BrandIncidents.LoadAsync(session, brandId, ct);
        var id = request.Id?.Trim() is { Length: > 0 } given ? given : IncidentIds.ForManual(brandId);
        // Incident ids are global: an id another organisation uses is refused without showing that incident.
        if (await session.LoadAsync<IncidentSummary>(IncidentStreams.KeyFor(id), ct) is { } taken && !IncidentAccess.IsVisibleTo(taken, http.User))
            return IncidentHttp.Invalid("id", $"incident id '{id}' is taken; choose another or leave it out");
        var command = new OpenIncidentByHand(id, brand.OrganisationId, brandId, request.Title?.Trim() ?? "", severity,
            settings.PlaybookFor(brand.OrganisationId), incidents.LastClosedIncidentId, IncidentHttp.Actor(http), clock.GetUtcNow());
        var (events, version) = await session.HandleAsync(IncidentStreams.KeyFor(id), IncidentDecider.Instance, command, expectedVersion: null, ct);
        http.Response.Headers.ETag = IncidentHttp.ETag(version);
        var result = new IncidentCommandResult(id, version, [.. events.Select(IncidentEventNames.Of)]);
        return events.Count > 0 ? Results.Created($"/api/incidents/{id}", result) : Results.Ok(result);
    }
}
