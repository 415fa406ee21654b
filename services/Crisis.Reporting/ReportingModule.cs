using Crisis.Reporting.Measuring;
using Crisis.Reporting.MeasuringIncidents;
using Crisis.Reporting.MeasuringPeriods;
using Crisis.Reporting.ReadingPastStates;
using Crisis.Reporting.WritingPostMortems;
using Crisis.ServiceDefaults.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Crisis.Reporting;

/// <summary>
/// KPIs, past states and post-mortems. Read-only over the other modules' events and read models, so any node that
/// serves the API can map it; it registers no store schema of its own.
/// </summary>
public static class ReportingModule
{
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<KpiOptions>(configuration, KpiOptions.Section);
        // Also as its value: the measurements take the windows plain, and a request may override one of them.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KpiOptions>>().Value);
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
