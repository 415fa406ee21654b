using Marten.Events.Aggregation;

namespace Crisis.ServiceDefaults.Security.ApiKeys;

/// <summary>What the authentication handler checks a presented key against (inline: a revocation counts at once).</summary>
/// <param name="Id">The key's stream key.</param>
public sealed record ApiKeyRecord(string Id, string KeyId, string OrganisationId, string Name, string Scope, string SecretHash, string CreatedBy, DateTimeOffset CreatedAt)
{
    public string? RevokedBy { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

public sealed partial class ApiKeyRecordProjection : SingleStreamProjection<ApiKeyRecord, string>
{
    public static ApiKeyRecord Create(ApiKeyCreated e) =>
        new(ApiKeyStreams.KeyFor(e.KeyId), e.KeyId, e.OrganisationId, e.Name, e.Scope, e.SecretHash, e.CreatedBy, e.CreatedAt);

    public static ApiKeyRecord Apply(ApiKeyRevoked e, ApiKeyRecord key) => key with { RevokedBy = e.RevokedBy, RevokedAt = e.RevokedAt };
}
