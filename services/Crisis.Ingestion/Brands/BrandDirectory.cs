using System.Collections.Concurrent;
using Marten;

namespace Crisis.Ingestion.Brands;

/// <summary>
/// Answers "is this brand registered?" for every intake without a query per mention: known brands are cached
/// forever (brands are never deleted), and only ids not yet seen are looked up, once per batch.
/// </summary>
public sealed class BrandDirectory(IDocumentStore store)
{
    private readonly ConcurrentDictionary<string, bool> known = new(StringComparer.Ordinal);

    public async Task<Func<string, bool>> ResolveAsync(IEnumerable<string?> brandIds, CancellationToken cancellationToken)
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
            foreach (var brand in found) known[brand.BrandId] = true;
        }
        return id => known.ContainsKey(id);
    }
}
