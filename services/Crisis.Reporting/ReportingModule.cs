using Crisis.Reporting.Measuring;
using Crisis.Reporting.MeasuringIncidents;
using Crisis.Reporting.MeasuringPeriods;
using Crisis.Reporting.ReadingPastStates;
using Crisis.Reporting.WritingPostMortems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crisis.Reporting;

/// <summary>
/// KPIs, past states and post-mortems. Read-only over the other modules' events and read models, so any node that
/// serves the API can map it; it registers no store schema of its own.
/// </summary>
public static class ReportingModule
{
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KpiOptions.Section).Get<KpiOptions>() ?? new KpiOptions();
        if (options.Problems() is { Count: > 0 } problems)
            throw new InvalidOperationException("Reporting settings are not valid: " + string.Join("; ", problems.Select(p => $"{KpiOptions.Section}:{p.Key} {p.Value}")));
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IncidentFactsReader>();
        return services;
    }

    public static IEndpointRouteBuilder MapReporting(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Reporting");
        incidents.MapIncidentKpis();
        incidents.MapPostMortem();
        app.MapPeriodKpis();
        app.MapAsOf();
        return app;
    }
}
