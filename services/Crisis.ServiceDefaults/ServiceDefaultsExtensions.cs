using Crisis.ServiceDefaults.Health;
using Crisis.ServiceDefaults.Http;
using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Logging;
using Crisis.ServiceDefaults.Security.ApiKeys;
using Crisis.ServiceDefaults.Security.Auditing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Crisis.ServiceDefaults.Security.Authenticating;
using Crisis.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Crisis.ServiceDefaults;

/// <summary>The cross-cutting defaults every Crisis process gets: telemetry, health, problem+json errors.</summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddCrisisTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = StatusProblems.NameTheField);
        // Enums read and written as words (phases, languages, platforms), never as numbers; strings, times and enums of
        // every body pass the strict converters, and binding failures throw so that the problem names the field.
        builder.Services.ConfigureHttpJsonOptions(o => StrictJson.AddTo(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddSingleton<DependencyOutages>();
        RequestShapeLimits.ConfigureKestrel(builder.Services);
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        // Validated at start, so a wrong zone or language in the settings stops the host, naming the setting.
        Localisation.DisplaySettings.AddDisplaySettings(builder.Services, builder.Configuration);
        builder.AddCrisisSecurity();
        builder.Services.AddDependencyMonitor();
        // Last: every logger the host and the libraries create goes through the triage (expected noise lowered).
        builder.Services.AddCrisisLogTriage();
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestShapeLimits();
        DependencyOutages.UseOutageRecovery(app);
        // Every endpoint requires a signed-in caller unless it says otherwise (the fallback policy).
        app.UseCrisisSecurity();
        // Liveness: the process answers. Readiness: every registered check (database, broker, projection lag) passes.
        // Probes carry no token.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = Health.HealthJson.WriteAsync }).AllowAnonymous();
        // The API's own description, generated from the endpoints: /openapi/v1.json. It lists routes and shapes, never
        // data, and clients (the tests, the dashboard's sign-in) read it before they hold a token.
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    /// <summary>The root of every module's endpoints: they all pass the one input validation layer.</summary>
    public static RouteGroupBuilder MapCrisisApi(this WebApplication app)
    {
        var api = app.MapGroup("");
        api.AddEndpointFilter<InputValidationFilter>();
        api.MapApiKeys();
        api.MapAudit();
        return api;
    }
}
