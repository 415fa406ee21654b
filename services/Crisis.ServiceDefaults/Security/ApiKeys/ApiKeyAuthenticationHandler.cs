using System.Security.Claims;
using System.Text.Encodings.Web;
using Crisis.ServiceDefaults.Security.Authenticating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crisis.ServiceDefaults.Security.ApiKeys;

/// <summary>
/// Machines (ingestion connectors) present <c>X-Api-Key</c>. A key is looked up by the id it carries and checked
/// against its stored hash on every request, so a revoked key stops working at once, on every node.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IDocumentStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string KeyIdClaim = "key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return AuthenticateResult.NoResult();
        var secret = values.ToString().Trim();
        if (ApiKeySecret.KeyIdOf(secret) is not { } keyId) return AuthenticateResult.Fail("the X-Api-Key header does not hold a Crisis API key");
        await using var session = store.QuerySession();
        var key = await session.LoadAsync<ApiKeyRecord>(ApiKeyStreams.KeyFor(keyId), Context.RequestAborted);
        // One answer for unknown, wrong and revoked keys: the caller learns nothing about which keys exist.
        if (key is null || key.RevokedAt is not null || !ApiKeySecret.Matches(secret, key.SecretHash))
            return AuthenticateResult.Fail("the API key is unknown or revoked");

        var identity = new ClaimsIdentity(
            [
                new Claim(Caller.NameClaim, $"key:{key.KeyId}"),
                new Claim(KeyIdClaim, key.KeyId),
                new Claim(Caller.OrganisationClaim, key.OrganisationId),
                new Claim(Caller.ScopeClaim, key.Scope),
            ], SchemeName, Caller.NameClaim, Caller.RoleClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Features.Get<Microsoft.AspNetCore.Authentication.IAuthenticateResultFeature>()?.AuthenticateResult?.Failure;
        return SecurityProblems.WriteAsync(Context, 401, "Authentication required",
            failure?.Message is { } why ? $"{why}." : "Send a valid 'X-Api-Key' header.", Header);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        SecurityProblems.WriteAsync(Context, 403, "Forbidden", "An ingestion API key may only post mentions (POST /api/mentions).", Header);
}
