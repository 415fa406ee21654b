using System.Collections.Concurrent;
using System.Globalization;

namespace Crisis.CrisisCell.Notifying.Delivering;

/// <summary>
/// This process as a claimant of deliveries: a name unique to this run (a restarted host is another claimant, so it
/// never mistakes a dead run's claim for its own), and the keys it is sending right now, so two copies of one delivery
/// consumed here at once do not both take the claim this process holds.
/// </summary>
public sealed class DeliveryClaimant
{
    private readonly ConcurrentDictionary<string, byte> sending = new(StringComparer.Ordinal);

    public string Name { get; } = string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>Marks the key as being sent here; false when another consumer of this process already is.</summary>
    public bool TryStart(string key) => sending.TryAdd(key, 0);

    public void Finish(string key) => sending.TryRemove(key, out _);
}
