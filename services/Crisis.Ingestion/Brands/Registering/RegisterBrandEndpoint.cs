using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Ingestion.Brands.Registering;

public sealed record RegisterBrandRequest(string? Id, string? Name, string? OrganisationId);

public static class RegisterBrandEndpoint
{
    public static void MapRegisterBrand(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/brands", HandleAsync).WithName("RegisterBrand").WithTags("Brands");
        app.MapGet("/api/brands", async (IQuerySession session, CancellationToken ct) =>
            Results.Ok(await session.Query<BrandProfile>().OrderBy(b => b.BrandId).ToListAsync(ct))).WithTags("Brands");
    }

    private static async Task<IResult> HandleAsync(RegisterBrandRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var id = request.Id?.Trim().ToLowerInvariant() ?? "";
        if (!BrandIds.IsWellFormed(id)) errors["id"] = [BrandIds.FormatRule];
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["is required, at most 200 characters"];
        var organisation = request.OrganisationId?.Trim().ToLowerInvariant() ?? "";
        if (!BrandIds.IsWellFormed(organisation)) errors["organisationId"] = [BrandIds.FormatRule];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The brand is not valid");

        var actor = http.User.Actor();
        var command = new RegisterBrand(id, request.Name!.Trim(), organisation, actor, clock.GetUtcNow());
        var (events, _) = await session.HandleAsync(BrandStreams.KeyFor(id), BrandDecider.Instance, command, expectedVersion: null, ct);
        var profile = new BrandProfile(BrandStreams.KeyFor(id), id, command.Name, organisation, actor, command.Now);
        return events.Count > 0 ? Results.Created($"/api/brands/{id}", profile) : Results.Ok(profile);
    }
}
