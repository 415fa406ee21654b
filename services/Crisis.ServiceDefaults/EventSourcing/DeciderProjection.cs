using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Crisis.ServiceDefaults.EventSourcing;

/// <summary>
/// A decider's state as Marten sees it: Marten needs an identity on whatever it aggregates, and domain state
/// records should not carry storage concerns, so the state rides inside this envelope.
/// </summary>
public sealed class DeciderState<TState>
{
    public string Id { get; set; } = "";

    public TState? State { get; set; }
}

/// <summary>
/// Lets Marten rebuild a decider's state (for <c>FetchForWriting</c>) with the decider's own Evolve, so the
/// fold lives in one place and stays free of Marten conventions. Register it with the Live lifecycle.
/// </summary>
public class DeciderProjection<TState, TEvent>(Func<TState, TEvent, TState> evolve, TState initial)
    : SingleStreamProjection<DeciderState<TState>, string>
    where TEvent : notnull
{
    public override DeciderState<TState> Evolve(DeciderState<TState>? snapshot, string id, IEvent e)
    {
        var current = snapshot ?? new DeciderState<TState> { Id = id, State = initial };
        if (e.Data is TEvent domainEvent) current.State = evolve(current.State ?? initial, domainEvent);
        return current;
    }
}
