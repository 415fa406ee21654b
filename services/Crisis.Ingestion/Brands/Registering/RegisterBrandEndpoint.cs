using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Ingestion.Brands.Registering;

public sealed record RegisterBrandRequest(string? Id, [property: SingleLine(200)] string? Name, [property: Identifier] string? OrganisationId);

public static class RegisterBrandEndpoint
{
    public static void MapRegisterBrand(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/brands", HandleAsync).WithName("RegisterBrand").RequireAuthorization(CrisisPolicies.Admin).WithTags("Brands");
        app.MapGet("/api/brands", async (IQuerySession session, HttpContext http, CancellationToken ct) =>
            Results.Ok(await BrandAccess.OfCaller(session, http.User).OrderBy(b => b.BrandId).ToListAsync(ct))).WithName("ListBrands").WithTags("Brands").RequireAuthorization(CrisisPolicies.Viewer);
    }

    private static async Task<IResult> HandleAsync(RegisterBrandRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var id = request.Id?.Trim().ToLowerInvariant() ?? "";
        if (!BrandIds.IsWellFormed(id)) errors["id"] = [BrandIds.FormatRule];
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["is required, at most 200 characters"];
        // An admin registers brands for their own organisation only; the field may be left out.
        var callerOrganisation = http.User.RequiredOrganisation();
        var organisation = request.OrganisationId?.Trim().ToLowerInvariant() is { Length: > 0 } given ? given : callerOrganisation;
        if (!BrandIds.IsWellFormed(organisation)) errors["organisationId"] = [BrandIds.FormatRule];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The brand is not valid");
        if (organisation != callerOrganisation)
        {
            return Results.Problem(title: "Not your organisation", statusCode: StatusCodes.Status403Forbidden,
                detail: $"your token is for organisation '{callerOrganisation}'; registering a brand for '{organisation}' needs an admin token of '{organisation}'",
                extensions: new Dictionary<string, object?> { ["field"] = "organisationId" });
        }
        // Brand ids are global: a taken id is refused without telling whose it is.
        if (await session.LoadAsync<BrandProfile>(BrandStreams.KeyFor(id), ct) is { } existing && existing.OrganisationId != callerOrganisation)
        {
            return Results.Problem(title: "Brand id taken", statusCode: StatusCodes.Status409Conflict,
                detail: $"brand id '{id}' is already registered by another organisation; choose another id",
                extensions: new Dictionary<string, object?> { ["field"] = "id" });
        }

        var actor = http.User.Actor();
        var command = new RegisterBrand(id, request.Name!.Trim(), organisation, actor, clock.GetUtcNow());
        var (events, _) = await session.HandleAsync(BrandStreams.KeyFor(id), BrandDecider.Instance, command, expectedVersion: null, ct);
        var profile = new BrandProfile(BrandStreams.KeyFor(id), id, command.Name, organisation, actor, command.Now);
        return events.Count > 0 ? Results.Created($"/api/brands/{id}", profile) : Results.Ok(profile);
    }
}
