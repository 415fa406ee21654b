using Marten.Events.Aggregation;

namespace Crisis.Ingestion.Brands;

/// <summary>Read model of a registered brand, one document per brand, kept in step with its stream (inline).</summary>
/// <param name="Id">The brand's stream key (Marten keys a single-stream read model by its stream).</param>
public sealed record BrandProfile(string Id, string BrandId, string Name, string OrganisationId, string RegisteredBy, DateTimeOffset RegisteredAt)
{
    public IReadOnlyList<CampaignWindowDeclared> Campaigns { get; init; } = [];
}

public sealed partial class BrandProfileProjection : SingleStreamProjection<BrandProfile, string>
{
    public static BrandProfile Create(BrandRegistered e) => new(BrandStreams.KeyFor(e.BrandId), e.BrandId, e.Name, e.OrganisationId, e.RegisteredBy, e.RegisteredAt);

    public static BrandProfile Apply(CampaignWindowDeclared e, BrandProfile profile) => profile with { Campaigns = [.. profile.Campaigns, e] };
}
