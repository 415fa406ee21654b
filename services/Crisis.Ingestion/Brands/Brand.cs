using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.Ingestion.Brands;

public static class BrandStreams
{
    public static string KeyFor(string brandId) => $"brand/{brandId}";
}

public abstract record BrandEvent(string BrandId);

/// <summary>A watched organisation or product, registered by an operator before its mentions are accepted.</summary>
public sealed record BrandRegistered(string BrandId, string Name, string OrganisationId, string RegisteredBy, DateTimeOffset RegisteredAt)
    : BrandEvent(BrandId);

/// <summary>
/// A campaign the brand runs between two instants: a rise in talk then is expected, so detection pages nobody
/// for it (the buzz is still shown). Who declared it is kept, because a window that hid a real crisis must
/// be traceable.
/// </summary>
public sealed record CampaignWindowDeclared(string BrandId, string CampaignId, string Name, DateTimeOffset From, DateTimeOffset To, string DeclaredBy, DateTimeOffset DeclaredAt)
    : BrandEvent(BrandId);

public abstract record BrandCommand(string BrandId, string Actor, DateTimeOffset Now);

public sealed record RegisterBrand(string BrandId, string Name, string OrganisationId, string RegisteredBy, DateTimeOffset Now)
    : BrandCommand(BrandId, RegisteredBy, Now);

public sealed record DeclareCampaignWindow(string BrandId, string CampaignId, string Name, DateTimeOffset From, DateTimeOffset To, string DeclaredBy, DateTimeOffset Now)
    : BrandCommand(BrandId, DeclaredBy, Now);

public abstract record BrandState
{
    public sealed record Unregistered : BrandState;

    public sealed record Registered(string BrandId, string Name, string OrganisationId, IReadOnlyDictionary<string, CampaignWindowDeclared> Campaigns) : BrandState;
}

public static class BrandDecider
{
    /// <summary>A campaign longer than this is not a campaign but a blind spot.</summary>
    public static readonly TimeSpan LongestCampaign = TimeSpan.FromDays(31);

    public static readonly Decider<BrandState, BrandCommand, BrandEvent> Instance = new(Decide, Evolve, new BrandState.Unregistered());

    public static IReadOnlyList<BrandEvent> Decide(BrandCommand command, BrandState state) => (command, state) switch
    {
        (RegisterBrand c, BrandState.Unregistered) => [new BrandRegistered(c.BrandId, c.Name, c.OrganisationId, c.RegisteredBy, c.Now)],
        // Registering the same brand again is a no-op, so a retried request is harmless.
        (RegisterBrand c, BrandState.Registered r) when r.Name == c.Name && r.OrganisationId == c.OrganisationId => [],
        (RegisterBrand, BrandState.Registered r) => throw new DomainRefusalException(
            $"brand '{r.BrandId}' is already registered as '{r.Name}' for organisation '{r.OrganisationId}'"),
        (DeclareCampaignWindow c, BrandState.Registered r) => DeclareCampaign(c, r),
        (DeclareCampaignWindow c, BrandState.Unregistered) => throw new DomainRefusalException($"brand '{c.BrandId}' is not registered"),
        _ => throw new InvalidOperationException($"unhandled {command.GetType().Name} in {state.GetType().Name}"),
    };

    private static IReadOnlyList<BrandEvent> DeclareCampaign(DeclareCampaignWindow c, BrandState.Registered state)
    {
        // The same declaration again is a retry: nothing new. The same id with another window or name would silently
        // keep the first one, which the caller did not ask for: a conflict they must resolve with a new id.
        if (state.Campaigns.TryGetValue(c.CampaignId, out var declared))
        {
            return declared.From == c.From && declared.To == c.To && declared.Name == c.Name
                ? []
                : throw new DomainRefusalException(
                    $"campaign '{c.CampaignId}' is already declared as '{declared.Name}' from {declared.From:O} to {declared.To:O}; declare a changed window under a new id");
        }
        if (c.To <= c.From) throw new DomainRefusalException("the campaign must end after it starts (to > from)", DomainRefusalKind.Invalid);
        if (c.To - c.From > LongestCampaign) throw new DomainRefusalException($"a campaign window lasts at most {LongestCampaign.TotalDays} days", DomainRefusalKind.Invalid);
        return [new CampaignWindowDeclared(c.BrandId, c.CampaignId, c.Name, c.From, c.To, c.DeclaredBy, c.Now)];
    }

    public static BrandState Evolve(BrandState state, BrandEvent e) => (state, e) switch
    {
        (_, BrandRegistered r) => new BrandState.Registered(r.BrandId, r.Name, r.OrganisationId, new Dictionary<string, CampaignWindowDeclared>(StringComparer.Ordinal)),
        (BrandState.Registered r, CampaignWindowDeclared c) => r with { Campaigns = new Dictionary<string, CampaignWindowDeclared>(r.Campaigns, StringComparer.Ordinal) { [c.CampaignId] = c } },
        _ => state,
    };
}
