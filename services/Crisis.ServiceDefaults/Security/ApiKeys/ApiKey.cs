using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.ServiceDefaults.Security.ApiKeys;

public static class ApiKeyStreams
{
    public static string KeyFor(string keyId) => $"apikey/{keyId}";
}

public abstract record ApiKeyEvent(string KeyId);

/// <summary>A machine credential was made: only the hash of its secret is kept; the secret was shown once.</summary>
public sealed record ApiKeyCreated(string KeyId, string OrganisationId, string Name, string Scope, string SecretHash, string CreatedBy, DateTimeOffset CreatedAt)
    : ApiKeyEvent(KeyId);

public sealed record ApiKeyRevoked(string KeyId, string RevokedBy, DateTimeOffset RevokedAt) : ApiKeyEvent(KeyId);

public abstract record ApiKeyCommand(string KeyId, string Actor, DateTimeOffset Now);

public sealed record CreateApiKey(string KeyId, string OrganisationId, string Name, string Scope, string SecretHash, string CreatedBy, DateTimeOffset Now)
    : ApiKeyCommand(KeyId, CreatedBy, Now);

public sealed record RevokeApiKey(string KeyId, string RevokedBy, DateTimeOffset Now) : ApiKeyCommand(KeyId, RevokedBy, Now);

public abstract record ApiKeyState
{
    public sealed record None : ApiKeyState;

    public sealed record Active(string OrganisationId) : ApiKeyState;

    public sealed record Revoked(string OrganisationId) : ApiKeyState;
}

public static class ApiKeyDecider
{
    public static readonly Decider<ApiKeyState, ApiKeyCommand, ApiKeyEvent> Instance = new(Decide, Evolve, new ApiKeyState.None());

    public static IReadOnlyList<ApiKeyEvent> Decide(ApiKeyCommand command, ApiKeyState state) => (command, state) switch
    {
        (CreateApiKey c, ApiKeyState.None) => [new ApiKeyCreated(c.KeyId, c.OrganisationId, c.Name, c.Scope, c.SecretHash, c.CreatedBy, c.Now)],
        (CreateApiKey c, _) => throw new DomainRefusalException($"api key '{c.KeyId}' already exists"),
        (RevokeApiKey c, ApiKeyState.Active) => [new ApiKeyRevoked(c.KeyId, c.RevokedBy, c.Now)],
        // Revoking twice is a no-op, so a retried request is harmless.
        (RevokeApiKey, ApiKeyState.Revoked) => [],
        (RevokeApiKey c, ApiKeyState.None) => throw new DomainRefusalException($"api key '{c.KeyId}' does not exist"),
        _ => throw new InvalidOperationException($"unhandled {command.GetType().Name} in {state.GetType().Name}"),
    };

    public static ApiKeyState Evolve(ApiKeyState state, ApiKeyEvent e) => (state, e) switch
    {
        (_, ApiKeyCreated c) => new ApiKeyState.Active(c.OrganisationId),
        (ApiKeyState.Active a, ApiKeyRevoked) => new ApiKeyState.Revoked(a.OrganisationId),
        _ => state,
    };
}
