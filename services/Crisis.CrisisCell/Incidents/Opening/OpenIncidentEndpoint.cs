using Crisis.ServiceDefaults.Http;
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

    /// <summary>The optional <c>Idempotency-Key</c> header (the IETF draft's name): an identifier the client chose for this request.</summary>
    private static string? IdempotencyKey(HttpContext http)
    {
        var value = http.Request.Headers["Idempotency-Key"].ToString();
        if (value.Length == 0) return null;
        var key = value.Trim('"');
        return InputRules.IsIdentifier(key) ? key : throw new FieldRefusedException("Idempotency-Key", InputRules.IdentifierRule);
    }

    /// <summary>The answer to a retry: the incident the key opened, at its current version, with nothing recorded this time.</summary>
    private static async Task<IResult> ReplayedAsync(IQuerySession session, HttpContext http, IncidentOpeningKey used, string brandId, string title, int severity, CancellationToken ct)
    {
        if (!used.SameRequest(brandId, title, severity)) return KeyReused(used);
        var version = (await session.Events.FetchStreamStateAsync(IncidentStreams.KeyFor(used.IncidentId), ct))?.Version ?? 0;
        http.Response.Headers.ETag = IncidentHttp.ETag(version);
        http.Response.Headers.Location = $"/api/incidents/{used.IncidentId}";
        return Results.Ok(new IncidentCommandResult(used.IncidentId, version, []));
    }

    private static IResult KeyReused(IncidentOpeningKey used) =>
            Results.Problem(title: "The Idempotency-Key was used for another request",
                detail: $"this key opened incident '{used.IncidentId}' for brand '{used.BrandId}' with another title or severity; use a new key for a new incident",
                statusCode: StatusCodes.Status422UnprocessableEntity, extensions: new Dictionary<string, object?> { ["field"] = "Idempotency-Key" });

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

        var title = request.Title?.Trim() ?? "";
        var idempotencyKey = IdempotencyKey(http);
        var keyId = idempotencyKey is null ? null : IncidentOpeningKey.IdFor(brand.OrganisationId, idempotencyKey);
        if (keyId is not null && await session.LoadAsync<IncidentOpeningKey>(keyId, ct) is { } used)
            return await ReplayedAsync(session, http, used, brandId, title, severity, ct);

        var incidents = await BrandIncidents.LoadAsync(session, brandId, ct);
        var id = IncidentIds.ForManual(brandId);
        var command = new OpenIncidentByHand(id, brand.OrganisationId, brandId, title, severity,
            settings.PlaybookFor(brand.OrganisationId), incidents.LastClosedIncidentId, IncidentHttp.Actor(http), clock.GetUtcNow());
        // In the same transaction as the incident's first events: both are stored or neither.
        if (keyId is not null) session.Insert(new IncidentOpeningKey(keyId, id, brandId, title, severity, clock.GetUtcNow()));
        IReadOnlyList<IncidentEvent> events;
        long version;
        try
        {
            (events, version) = await session.HandleAsync(IncidentStreams.KeyFor(id), IncidentDecider.Instance, command, expectedVersion: null, ct);
        }
        catch (JasperFx.DocumentAlreadyExistsException) when (keyId is not null)
        {
            // The same key raced in from a concurrent retry, which won: answer what it opened.
            await using var fresh = session.DocumentStore.QuerySession();
            return await ReplayedAsync(fresh, http, (await fresh.LoadAsync<IncidentOpeningKey>(keyId, ct))!, brandId, title, severity, ct);
        }
        http.Response.Headers.ETag = IncidentHttp.ETag(version);
        var result = new IncidentCommandResult(id, version, [.. events.Select(IncidentEventNames.Of)]);
        return events.Count > 0 ? Results.Created($"/api/incidents/{id}", result) : Results.Ok(result);
    }
}
