using Marten;

namespace Crisis.ServiceDefaults.EventSourcing;

public static class CommandHandling
{
    /// <summary>
    /// FetchForWriting, Decide, append, save: the one way commands are handled. With an expected version the
    /// save fails with a concurrency error when the stream moved on; without one, Marten still locks the
    /// stream version it read. Returns the events decided (none when the command was already applied).
    /// </summary>
    public static async Task<(IReadOnlyList<TEvent> Events, long Version)> HandleAsync<TState, TCommand, TEvent>(
        this IDocumentSession session,
        string streamKey,
        Decider<TState, TCommand, TEvent> decider,
        TCommand command,
        long? expectedVersion,
        CancellationToken cancellationToken)
        where TEvent : notnull
    {
        var stream = expectedVersion is { } version
            ? await session.Events.FetchForWriting<DeciderState<TState>>(streamKey, version, cancellationToken)
            : await session.Events.FetchForWriting<DeciderState<TState>>(streamKey, cancellationToken);
        var state = stream.Aggregate is { State: { } current } ? current : decider.Initial;
        var events = decider.Decide(command, state);
        if (events.Count == 0) return (events, stream.CurrentVersion ?? 0);
        stream.AppendMany(events.Cast<object>().ToArray());
        await session.SaveChangesAsync(cancellationToken);
        return (events, (stream.StartingVersion ?? 0) + events.Count);
    }
}
