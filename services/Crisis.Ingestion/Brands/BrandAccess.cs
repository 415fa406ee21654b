using System.Security.Claims;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Crisis.Ingestion.Brands;

/// <summary>
/// The one place that decides whether a caller may see a brand: only brands of the caller's organisation exist for
/// them. Another organisation's brand is answered exactly like an unregistered one (404), so its existence is not revealed.
/// </summary>
public static class BrandAccess
{
    /// <summary>The brand when it is registered for the caller's organisation; null otherwise.</summary>
    public static async Task<BrandProfile?> FindAsync(IQuerySession session, ClaimsPrincipal caller, string brandId, CancellationToken ct)
    {
        var id = brandId.Trim().ToLowerInvariant();
        if (!BrandIds.IsWellFormed(id)) return null;
        var brand = await session.LoadAsync<BrandProfile>(BrandStreams.KeyFor(id), ct);
        return brand is not null && brand.OrganisationId == caller.RequiredOrganisation() ? brand : null;
    }

    /// <summary>The caller's organisation's brands, for lists.</summary>
    public static IQueryable<BrandProfile> OfCaller(IQuerySession session, ClaimsPrincipal caller)
    {
        var organisation = caller.RequiredOrganisation();
        return session.Query<BrandProfile>().Where(b => b.OrganisationId == organisation);
    }

    public static IResult NotFound(string brandId) => Results.Problem(title: "No such brand",
        detail: $"brand '{brandId.Trim().ToLowerInvariant()}' is not registered", statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["field"] = "brandId" });
}
