using System.ComponentModel.DataAnnotations;
using Crisis.ServiceDefaults.Security.Authorizing;
using Crisis.ServiceDefaults.Security.IssuingTokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Crisis.ServiceDefaults.Settings;

namespace Crisis.ServiceDefaults.Security.Authenticating;

/// <summary>
/// <c>Authentication:Jwt</c>: who may issue the people's tokens. Either local key files (<c>crisis token --create-key</c>;
/// several for rotation, told apart by <c>kid</c>) or an OpenID Connect <see cref="Authority"/> whose published keys
/// are trusted. The issuer and audience must match the tokens' <c>iss</c> and <c>aud</c>.
/// </summary>
public sealed class JwtSettings : IValidatableObject
{
    public const string Section = "Authentication:Jwt";

    public string Issuer { get; set; } = TokenIssuer.DefaultIssuer;
    public string Audience { get; set; } = TokenIssuer.DefaultAudience;
    public string[] SigningKeyFiles { get; set; } = [];
    public string? Authority { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Binds the section, checked when the host starts, and configures the bearer scheme from it when the scheme is first used.
    /// </summary>
    public static IServiceCollection AddJwtSettings(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<JwtSettings>(configuration, Section);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<JwtSettings>>((bearer, jwt) => jwt.Value.Apply(bearer));
        return services;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKeyFiles.Length == 0 && string.IsNullOrWhiteSpace(Authority))
        {
            yield return new(
                $"{Section}: no token issuer is configured, so nobody could sign in. Set {Section}:SigningKeyFiles " +
                $"(a key file made with 'crisis token --create-key FILE') or {Section}:Authority (an OpenID Connect issuer).",
                [nameof(SigningKeyFiles), nameof(Authority)]);
        }
    }

    public void Apply(JwtBearerOptions options)
    {
        // Claim names stay as issued (org, role, name), not mapped to the long WS-* URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            NameClaimType = Caller.NameClaim,
            RoleClaimType = Caller.RoleClaim,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        if (SigningKeyFiles.Length > 0)
        {
            options.TokenValidationParameters.IssuerSigningKeys = SigningKeyFiles.Select(f => SigningKey.Read(Path.GetFullPath(f)).SecurityKey).ToArray();
        }
        if (!string.IsNullOrWhiteSpace(Authority))
        {
            options.Authority = Authority;
            options.RequireHttpsMetadata = RequireHttpsMetadata;
        }
        else
        {
            // Local keys are symmetric: only the algorithm they sign with is accepted (never "none", never a swap).
            options.TokenValidationParameters.ValidAlgorithms = [SigningKey.Algorithm];
        }
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                // Events record who acted: a token naming nobody is refused rather than recorded as a blank actor.
                if (context.Principal?.FindFirst(Caller.NameClaim) is null && context.Principal?.FindFirst(Caller.SubjectClaim) is null)
                {
                    context.Fail("the token names nobody (no 'name' or 'sub' claim)");
                }
                // One token, one organisation: a token naming several would act for whichever came first.
                else if (context.Principal?.FindAll(Caller.OrganisationClaim).Skip(1).Any() == true)
                {
                    context.Fail("the token names several organisations ('org'); a token acts for exactly one");
                }
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var detail = context.ErrorDescription is { Length: > 0 } why ? $"The bearer token was refused: {why}."
                    : context.AuthenticateFailure is { } failure ? $"The bearer token was refused: {failure.Message}"
                    : "Send 'Authorization: Bearer <token>' (people; see 'crisis token') or 'X-Api-Key: <secret>' (ingestion connectors).";
                context.Response.Headers.WWWAuthenticate = context.Error is { Length: > 0 } error ? $"Bearer error=\"{error}\"" : "Bearer";
                await SecurityProblems.WriteAsync(context.HttpContext, 401, "Authentication required", detail, "Authorization");
            },
        };
    }
}
