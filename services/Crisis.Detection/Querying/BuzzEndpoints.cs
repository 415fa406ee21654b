using Crisis.Detection.Buzz;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Detection.Querying;

public static class BuzzEndpoints
{
    public static void MapBuzzQueries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/brands/{brandId}/buzz", async (string brandId, IQuerySession session, CancellationToken ct) =>
            await session.LoadAsync<BuzzState>(BuzzStreams.KeyFor(brandId), ct) is { } state
                ? Results.Ok(state)
                : Results.Problem(title: "No buzz state for this brand", detail: $"Brand '{brandId}' has no decided bucket yet, or is not registered.",
                    statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["field"] = "brandId" }))
            .WithName("GetBuzzState").WithTags("Buzz");
        app.MapGet("/api/buzz", async (IQuerySession session, CancellationToken ct) =>
            Results.Ok(await session.Query<BuzzState>().OrderBy(b => b.BrandId).ToListAsync(ct)))
            .WithName("ListBuzzStates").WithTags("Buzz");
    }
}
