using Crisis.ServiceDefaults.Security.Authorizing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Crisis.ServiceDefaults.Security.IssuingTokens;

/// <summary>What a token says: who, of which organisation, with which roles, until when.</summary>
public sealed record TokenRequest(string Name, string Organisation, IReadOnlyList<string> Roles, TimeSpan Lifetime);

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
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
