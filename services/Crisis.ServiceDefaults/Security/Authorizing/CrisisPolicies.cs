using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Crisis.ServiceDefaults.Security.Authorizing;

/// <summary>
/// The named policies every endpoint picks from. Endpoints that name none get the fallback, <see cref="Viewer"/>:
/// an endpoint added later is closed to anonymous callers and to ingestion keys by default.
/// </summary>
public static class CrisisPolicies
{
    public const string Viewer = "viewer";
    public const string Responder = "responder";
    public const string IncidentLead = "incident-lead";
    public const string Admin = "admin";
    /// <summary>Posting mentions: an API key with the ingest scope, or an admin.</summary>
    public const string Ingest = "ingest";
    /// <summary>
    /// The Prometheus scrape endpoint: host-wide figures (every organisation's incident counts), so operators only (a
    /// person's token with the <see cref="CrisisRoles.Operator"/> role), or anyone when
    /// <c>Authentication:Metrics:AllowAnonymous</c> is on (a scraper on loopback). An organisation's admin is refused.
    /// </summary>
    public const string Metrics = "metrics";

    public static void Configure(AuthorizationOptions options, IConfiguration configuration)
    {
        foreach (var role in CrisisRoles.Ladder) options.AddPolicy(role, policy => policy.RequireAssertion(c => IsPerson(c, role)));
        options.FallbackPolicy = new AuthorizationPolicyBuilder()
            .RequireAssertion(c => IsPerson(c, CrisisRoles.Viewer) || IsDashboardFile(c)).Build();
        options.AddPolicy(Ingest, policy => policy.RequireAssertion(c =>
            c.User.Organisation() is not null && (c.User.HasClaim(Caller.ScopeClaim, Caller.IngestScope) || c.User.HasRole(CrisisRoles.Admin))));
        var anonymousMetrics = configuration.GetValue("Authentication:Metrics:AllowAnonymous", false);
        options.AddPolicy(Metrics, policy => policy.RequireAssertion(c => anonymousMetrics || IsOperator(c)));
    }

    /// <summary>
    /// The dashboard's static files hold no data (every figure comes from the API, with the reader's token), so the
    /// sign-in page can load: only GET/HEAD under /dashboard that no endpoint handles (the static file middleware does).
    /// </summary>
    private static bool IsDashboardFile(AuthorizationHandlerContext context) =>
        context.Resource is HttpContext http && http.GetEndpoint() is null
        && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && http.Request.Path.StartsWithSegments("/dashboard", StringComparison.Ordinal);

    /// <summary>A person (never an API key: those carry no roles) holding the operator role itself.</summary>
    private static bool IsOperator(AuthorizationHandlerContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.Roles().Contains(CrisisRoles.Operator, StringComparer.Ordinal);

    /// <summary>A person of some organisation holding the role (or a higher one).</summary>
    private static bool IsPerson(AuthorizationHandlerContext context, string role) =>
        context.User.Identity?.IsAuthenticated == true && context.User.Organisation() is not null && context.User.HasRole(role);
}
