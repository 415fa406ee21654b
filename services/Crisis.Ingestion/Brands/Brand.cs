using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.Ingestion.Brands;

public static class BrandStreams
{
    public static string KeyFor(string brandId) => $"brand/{brandId}";
}

/// <summary>A watched organisation or product, registered by an operator before its mentions are accepted.</summary>
public sealed record BrandRegistered(string BrandId, string Name, string OrganisationId, string RegisteredBy, DateTimeOffset RegisteredAt);

public abstract record BrandState
{
    public sealed record Unregistered : BrandState;

    public sealed record Registered(string BrandId, string Name, string OrganisationId) : BrandState;
}

public sealed record RegisterBrand(string BrandId, string Name, string OrganisationId, string RegisteredBy, DateTimeOffset Now);

public static class BrandDecider
{
    public static readonly Decider<BrandState, RegisterBrand, BrandRegistered> Instance = new(Decide, Evolve, new BrandState.Unregistered());

    public static IReadOnlyList<BrandRegistered> Decide(RegisterBrand command, BrandState state) => state switch
    {
        BrandState.Unregistered => [new BrandRegistered(command.BrandId, command.Name, command.OrganisationId, command.RegisteredBy, command.Now)],
        // Registering the same brand again is a no-op, so a retried request is harmless.
        BrandState.Registered r when r.Name == command.Name && r.OrganisationId == command.OrganisationId => [],
        BrandState.Registered r => throw new DomainRefusalException(
            $"brand '{r.BrandId}' is already registered as '{r.Name}' for organisation '{r.OrganisationId}'"),
        _ => throw new InvalidOperationException($"unknown brand state {state.GetType().Name}"),
    };

    public static BrandState Evolve(BrandState state, BrandRegistered e) => new BrandState.Registered(e.BrandId, e.Name, e.OrganisationId);
}
