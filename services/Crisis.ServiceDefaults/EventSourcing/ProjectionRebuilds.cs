using System.Diagnostics;
using JasperFx.Events.Projections;
using Marten;

namespace Crisis.ServiceDefaults.EventSourcing;

/// <summary>One read model rebuilt from every event: its name, when Marten keeps it (inline or async) and how long it took.</summary>
public sealed record RebuiltProjection(string Name, ProjectionLifecycle Lifecycle, TimeSpan Took);

/// <summary>A projection name that the store does not have; the message lists those it has.</summary>
public sealed class UnknownProjectionException(string name, IReadOnlyList<string> known)
    : Exception($"'{name}' is not a projection of this store; projections: {string.Join(", ", known)}")
{
    public IReadOnlyList<string> Known { get; } = known;
}

/// <summary>
/// Rebuilding the store's read models with Marten's daemon: each projection's tables or documents are emptied and every
/// event is replayed through it, then its progress is left at the store's high-water mark. Inline and async projections
/// are rebuildable; live aggregations hold nothing to rebuild, and subscriptions (detection, the buzz publisher) are not
/// projections: replaying them would decide and publish again.
/// </summary>
public static class ProjectionRebuilds
{
    /// <summary>The names of the projections a rebuild accepts, in order.</summary>
    public static IReadOnlyList<string> Rebuildable(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return ((StoreOptions)store.Options).Projections.All
            .Where(p => p.Lifecycle != ProjectionLifecycle.Live)
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Rebuilds the named projection, or every rebuildable one when <paramref name="name"/> is null, one after the other.</summary>
    /// <exception cref="UnknownProjectionException">No projection of the store has that name (nothing is rebuilt).</exception>
    public static async Task<IReadOnlyList<RebuiltProjection>> RebuildAsync(IDocumentStore store, string? name, TimeSpan timeoutEach, CancellationToken ct)
    {
        var known = Rebuildable(store);
        if (name is not null && !known.Contains(name, StringComparer.Ordinal)) throw new UnknownProjectionException(name, known);
        var lifecycles = ((StoreOptions)store.Options).Projections.All.ToDictionary(p => p.Name, p => p.Lifecycle, StringComparer.Ordinal);

        using var daemon = await store.BuildProjectionDaemonAsync();
        var rebuilt = new List<RebuiltProjection>();
        try
        {
            foreach (var projection in name is null ? known : [name])
            {
                var started = Stopwatch.GetTimestamp();
                await daemon.RebuildProjectionAsync(projection, timeoutEach, ct);
                rebuilt.Add(new RebuiltProjection(projection, lifecycles[projection], Stopwatch.GetElapsedTime(started)));
            }
        }
        finally
        {
            // The daemon's agents (the high-water mark's among them) hold connections until stopped: a caller that lives
            // on (a spec, a host) must not keep them.
            await daemon.StopAllAsync();
        }
        return rebuilt;
    }
}
