using Crisis.ServiceDefaults.Http.Validating;
using System.Globalization;
using Crisis.Ingestion.Brands;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Ingestion.Charting;

public static class BrandSeriesEndpoint
{
    /// <summary>
    /// <c>GET /api/brands/{brandId}/series?from=&amp;to=&amp;bucketMinutes=</c>: mentions, scored and negative per bucket.
    /// Defaults: the last 6 hours, 1-minute buckets.
    /// </summary>
    public static void MapBrandSeries(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/brands/{brandId}/series", HandleAsync).WithName("GetBrandSeries").RequireAuthorization(CrisisPolicies.Viewer).WithTags("Brands");

    private static async Task<IResult> HandleAsync(string brandId, string? from, string? to, int? bucketMinutes,
        BrandSeries series, IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var id = brandId.Trim().ToLowerInvariant();
        if (await BrandAccess.FindAsync(session, http.User, id, ct) is null) return BrandAccess.NotFound(id);
        var errors = new Dictionary<string, string[]>();
        var end = InputRules.OptionalInstant(to, "to", errors) ?? clock.GetUtcNow();
        var start = InputRules.OptionalInstant(from, "from", errors) ?? end.AddHours(-6);
        var minutes = bucketMinutes ?? 1;
        if (!BrandSeries.IsValidBucket(minutes)) errors["bucketMinutes"] = ["must be between 1 and 1440 and divide a day (1, 5, 15, 60…)"];
        if (errors.Count == 0 && end <= start) errors["to"] = ["must be later than from"];
        if (errors.Count == 0 && end - start > BrandSeries.MaxWindow) errors["to"] = ["the window may cover at most 31 days"];
        if (errors.Count == 0 && (end - start).TotalMinutes / minutes > 50_000) errors["bucketMinutes"] = ["too many buckets for this window: choose larger buckets"];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The series query is not valid");
        return Results.Ok(await series.ReadAsync(id, start, end, minutes, ct));
    }
}
