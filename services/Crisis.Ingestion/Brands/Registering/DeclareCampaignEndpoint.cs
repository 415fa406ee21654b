using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Ingestion.Brands.Registering;

public sealed record DeclareCampaignRequest(string? Id, [property: SingleLine(200)] string? Name, DateTimeOffset? From, DateTimeOffset? To);

public static class DeclareCampaignEndpoint
{
    /// <summary><c>POST /api/brands/{brandId}/campaigns</c>: declares a campaign window during which the brand's buzz pages nobody.</summary>
    public static void MapDeclareCampaign(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/brands/{brandId}/campaigns", HandleAsync).WithName("DeclareCampaign").RequireAuthorization(CrisisPolicies.Admin).WithTags("Brands");

    private static async Task<IResult> HandleAsync(string brandId, DeclareCampaignRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var id = request.Id?.Trim().ToLowerInvariant() ?? "";
        if (!BrandIds.IsWellFormed(id)) errors["id"] = [BrandIds.FormatRule];
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["is required, at most 200 characters"];
        if (request.From is null) errors["from"] = ["is required (ISO 8601 with an offset)"];
        if (request.To is null) errors["to"] = ["is required (ISO 8601 with an offset)"];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The campaign window is not valid");
        if (await BrandAccess.FindAsync(session, http.User, brandId, ct) is null) return BrandAccess.NotFound(brandId);

        var actor = http.User.Actor();
        var command = new DeclareCampaignWindow(brandId.Trim().ToLowerInvariant(), id, request.Name!.Trim(),
            request.From!.Value.ToUniversalTime(), request.To!.Value.ToUniversalTime(), actor, clock.GetUtcNow());
        var (events, _) = await session.HandleAsync(BrandStreams.KeyFor(command.BrandId), BrandDecider.Instance, command, expectedVersion: null, ct);
        return events.Count > 0 ? Results.Created($"/api/brands/{command.BrandId}/campaigns/{id}", (object)events[0]) : Results.Ok();
    }
}
