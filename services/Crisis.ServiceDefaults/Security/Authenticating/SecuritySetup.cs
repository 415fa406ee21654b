using Crisis.ServiceDefaults.Security.ApiKeys;
using Crisis.ServiceDefaults.Security.Auditing;
using Crisis.ServiceDefaults.Security.Authorizing;
using Crisis.ServiceDefaults.Security.Limiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crisis.ServiceDefaults.Security.Authenticating;

/// <summary>
/// Who the caller is (a person's JWT, or a machine's API key) and what they may do (the policies), for every endpoint
/// of the host.
/// </summary>
public static class SecuritySetup
{
    /// <summary>Picks the scheme per request: an <c>X-Api-Key</c> header means a machine, anything else a person's bearer token.</summary>
    public const string Scheme = "Crisis";

    public static IHostApplicationBuilder AddCrisisSecurity(this IHostApplicationBuilder builder)
    {
        JwtSettings.AddJwtSettings(builder.Services, builder.Configuration);
        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(options => CrisisPolicies.Configure(options, builder.Configuration));
        IngestRateLimit.AddIngestRateLimit(builder.Services, builder.Configuration);
        return builder;
    }

    public static WebApplication UseCrisisSecurity(this WebApplication app)
    {
        // The correlation id the request's events will carry, told to the caller so they can find them in the audit.
        app.Use((http, next) =>
        {
            http.Response.Headers[RequestStamp.CorrelationHeader] = RequestStamp.CorrelationIdOf(http);
            return next(http);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorisation: an anonymous flood gets 401s without spending anyone's budget.
        app.UseRateLimiter();
        return app;
    }
}
