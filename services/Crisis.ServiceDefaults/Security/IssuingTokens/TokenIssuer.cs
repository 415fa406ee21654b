using Crisis.ServiceDefaults.Localisation;
using Crisis.ServiceDefaults.Security.Authorizing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Crisis.ServiceDefaults.Security.IssuingTokens;

/// <summary>What a token says: who, of which organisation, with which roles, until when; and how they read times and texts.</summary>
/// <param name="Locale">The language the person reads (the <c>locale</c> claim): the dashboard and the report follow it.</param>
/// <param name="TimeZone">The zone the person reads times in (the <c>zoneinfo</c> claim), over the organisation's default.</param>
public sealed record TokenRequest(string Name, string Organisation, IReadOnlyList<string> Roles, TimeSpan Lifetime,
    UiLanguage? Locale = null, ViewerZone? TimeZone = null);

/// <summary>Issues the signed tokens the host accepts from a local key (<c>crisis token</c>, the tests, the demo).</summary>
public static class TokenIssuer
{
    public const string DefaultIssuer = "crisis-local";
    public const string DefaultAudience = "crisis-api";

    public static string Issue(SigningKey key, TokenRequest request, DateTimeOffset now, string issuer = DefaultIssuer, string audience = DefaultAudience)
    {
        var unknown = request.Roles.Where(r => !CrisisRoles.IsKnown(r)).ToArray();
        if (unknown.Length > 0) throw new ArgumentException($"unknown role(s) {string.Join(", ", unknown)}; known: {string.Join(", ", CrisisRoles.All)}", nameof(request));
        if (request.Lifetime <= TimeSpan.Zero) throw new ArgumentException("the lifetime must be positive", nameof(request));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + request.Lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key.SecurityKey, SigningKey.Algorithm),
            Claims = new Dictionary<string, object>
            {
                [Caller.SubjectClaim] = request.Name,
                [Caller.NameClaim] = request.Name,
                [Caller.OrganisationClaim] = request.Organisation,
                // Always an array, so one role or several read the same way.
                [Caller.RoleClaim] = request.Roles.ToArray(),
            },
        };
        // OpenID Connect's names for them, so a token from the organisation's own identity provider can carry them too.
        if (request.Locale is { } locale) descriptor.Claims[Caller.LocaleClaim] = locale.Tag;
        if (request.TimeZone is { } zone) descriptor.Claims[Caller.ZoneClaim] = zone.Id;
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
