using System.Collections.Concurrent;
using Marten;

namespace Crisis.Ingestion.Brands;

/// <summary>
/// Answers "is this brand registered (for this organisation)?" for every intake without a query per mention: known
/// brands and their organisation are cached forever (brands are never deleted nor moved), and only ids not yet seen
/// are looked up, once per batch.
/// </summary>
public sealed class BrandDirectory(IDocumentStore store)
{
    private readonly ConcurrentDictionary<string, string> known = new(StringComparer.Ordinal);

    public Task<Func<string, bool>> ResolveAsync(IEnumerable<string?> brandIds, CancellationToken cancellationToken) =>
        ResolveAsync(brandIds, organisation: null, cancellationToken);

    /// <param name="organisation">When given, only that organisation's brands count as registered.</param>
    public async Task<Func<string, bool>> ResolveAsync(IEnumerable<string?> brandIds, string? organisation, CancellationToken cancellationToken)
    {
        var unknown = brandIds
            .Select(id => id?.Trim().ToLowerInvariant())
            .OfType<string>()
            .Where(id => id.Length > 0 && BrandIds.IsWellFormed(id) && !known.ContainsKey(id))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (unknown.Length > 0)
        {
            await using var session = store.QuerySession();
            var found = await session.LoadManyAsync<BrandProfile>(cancellationToken, unknown.Select(BrandStreams.KeyFor));
            foreach (var brand in found) known[brand.BrandId] = brand.OrganisationId;
        }
        return id => known.TryGetValue(id, out var owner) && (organisation is null || string.Equals(owner, organisation, StringComparison.Ordinal));
    }

    /// <summary>The organisation of a brand <see cref="ResolveAsync(IEnumerable{string?}, CancellationToken)"/> has found registered.</summary>
    public string OrganisationOf(string brandId) =>
        known.TryGetValue(brandId, out var owner) ? owner : throw new InvalidOperationException($"brand '{brandId}' has not been resolved");
}
