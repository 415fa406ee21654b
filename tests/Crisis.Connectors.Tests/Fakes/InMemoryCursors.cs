using Crisis.Connectors.Cursors;

namespace Crisis.Connectors.Tests.Fakes;

/// <summary>The cursor table's rules (position kept when none is given, counters added), in memory.</summary>
public sealed class InMemoryCursors : ICursorStore
{
    private readonly Lock gate = new();
    private ConnectorCursor? row;

    public ConnectorCursor? Current
    {
        get { lock (gate) return row; }
    }

    public Task<ConnectorCursor?> LoadAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Current);

    public Task SaveAsync(string name, string source, string organisation, string? position, CursorProgress progress,
        DateTimeOffset now, DateTimeOffset? newestPublishedAt, string? lastError, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var old = row ?? new ConnectorCursor(name, source, organisation, null, 0, 0, 0, 0, 0, 0, now, null, null);
            row = old with
            {
                Position = position ?? old.Position,
                Seen = old.Seen + progress.Seen,
                Matched = old.Matched + progress.Matched,
                Sent = old.Sent + progress.Sent,
                Malformed = old.Malformed + progress.Malformed,
                Errors = old.Errors + progress.Errors,
                Reconnects = old.Reconnects + progress.Reconnects,
                UpdatedAt = now,
                NewestPublishedAt = newestPublishedAt > old.NewestPublishedAt || old.NewestPublishedAt is null ? newestPublishedAt : old.NewestPublishedAt,
                LastError = lastError ?? old.LastError,
                FailingSince = lastError is null ? null : old.FailingSince ?? now,
            };
        }
        return Task.CompletedTask;
    }
}
