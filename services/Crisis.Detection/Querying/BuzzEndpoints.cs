using Crisis.Detection.Buzz;
using Crisis.Ingestion.Brands;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Detection.Querying;

public static class BuzzEndpoints
{
    public static void MapBuzzQueries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/brands/{brandId}/buzz", async (string brandId, IQuerySession session, HttpContext http, CancellationToken ct) =>
            await BrandAccess.FindAsync(session, http.User, brandId, ct) is null ? BrandAccess.NotFound(brandId)
            : await session.LoadAsync<BuzzState>(BuzzStreams.KeyFor(brandId), ct) is { } state
                ? Results.Ok(state)
                : Results.Problem(title: "No buzz state for this brand", detail: $"Brand '{brandId}' has no decided bucket yet, or is not registered.",
                    statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["field"] = "brandId" }))
            .WithName("GetBuzzState").RequireAuthorization(CrisisPolicies.Viewer).WithTags("Buzz");
        app.MapGet("/api/buzz", async (IQuerySession session, HttpContext http, CancellationToken ct) =>
        {
            var brands = await BrandAccess.OfCaller(session, http.User).Select(b => b.BrandId).ToListAsync(ct);
            return Results.Ok(await session.Query<BuzzState>().Where(b => brands.Contains(b.BrandId)).OrderBy(b => b.BrandId).ToListAsync(ct));
        })
            .WithName("ListBuzzStates").RequireAuthorization(CrisisPolicies.Viewer).WithTags("Buzz");
    }
}
