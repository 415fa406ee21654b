namespace Crisis.ServiceDefaults.EventSourcing;

/// <summary>
/// A write model as three pure functions: what a command decides given the state, how an event changes the
/// state, and the state before any event. Domain code builds one per aggregate; nothing here touches a store.
/// </summary>
public sealed record Decider<TState, TCommand, TEvent>(
    Func<TCommand, TState, IReadOnlyList<TEvent>> Decide,
    Func<TState, TEvent, TState> Evolve,
    TState Initial)
    where TEvent : notnull
{
    public TState Fold(IEnumerable<TEvent> events) => events.Aggregate(Initial, Evolve);
}

/// <summary>A command refused by the domain: the API answers 409 (conflict with current state) or 422 (invalid).</summary>
public sealed class DomainRefusalException(string message, DomainRefusalKind kind = DomainRefusalKind.Conflict) : Exception(message)
{
    public DomainRefusalKind Kind { get; } = kind;
}

public enum DomainRefusalKind
{
    /// <summary>The command does not fit the current state (HTTP 409).</summary>
    Conflict,
    /// <summary>The command is malformed or breaks a rule whatever the state (HTTP 422).</summary>
    Invalid,
}
