using Crisis.ServiceDefaults.Http.Validating;
using Crisis.CrisisCell.Incidents.Summaries;
using Crisis.Ingestion.Brands;
using Crisis.Reporting.Measuring;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Reporting.MeasuringPeriods;

public static class PeriodKpisEndpoints
{
    /// <summary>One request measures each incident from its events: a bound keeps a careless period from scanning years.</summary>
    public const int MaxIncidents = 500;

    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    public static void MapPeriodKpis(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/brands/{brandId}/kpis", BrandAsync).WithName("GetBrandKpis").WithTags("Reporting").RequireAuthorization(CrisisPolicies.Viewer)
            .WithSummary("KPIs of a brand's incidents detected in [from, to): medians, p90, stage deadlines met (JSON or CSV)")
            .Produces<PeriodKpis>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/api/kpis", AllAsync).WithName("GetKpis").WithTags("Reporting").RequireAuthorization(CrisisPolicies.Viewer)
            .WithSummary("KPIs of every incident detected in [from, to), optionally of one organisation (JSON or CSV)")
            .Produces<PeriodKpis>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> BrandAsync(string brandId, string? from, string? to, string? format,
        IQuerySession session, IncidentFactsReader reader, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var id = brandId.Trim().ToLowerInvariant();
        if (await BrandAccess.FindAsync(session, http.User, id, ct) is null)
            return ReportingHttp.NotFound("No such brand", $"brand '{id}' is not registered", "brandId");
        return await MeasureAsync("brand", id, s => s.BrandId == id, from, to, format, session, reader, clock, http, ct);
    }

    /// <summary>Always the caller's organisation: naming another one is forbidden.</summary>
    private static async Task<IResult> AllAsync(string? organisationId, string? from, string? to, string? format,
        IQuerySession session, IncidentFactsReader reader, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var organisation = http.User.RequiredOrganisation();
        if (!string.IsNullOrWhiteSpace(organisationId) && organisationId.Trim() != organisation)
        {
            return Results.Problem(title: "Not your organisation", detail: $"your token is for organisation '{organisation}'",
                statusCode: StatusCodes.Status403Forbidden, extensions: new Dictionary<string, object?> { ["field"] = "organisationId" });
        }
        return await MeasureAsync("organisation", organisation, s => s.OrganisationId == organisation, from, to, format, session, reader, clock, http, ct);
    }

    private static async Task<IResult> MeasureAsync(string scope, string? scopeId, System.Linq.Expressions.Expression<Func<IncidentSummary, bool>> filter,
        string? from, string? to, string? format, IQuerySession session, IncidentFactsReader reader, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var csv = ReportingHttp.WantsCsv(format, http, errors);
        var end = InputRules.OptionalInstant(to, "to", errors) ?? now;
        var start = InputRules.OptionalInstant(from, "from", errors) ?? end.AddDays(-30);
        if (errors.Count == 0 && end <= start) errors["to"] = ["must be later than from"];
        if (errors.Count == 0 && end - start > MaxPeriod) errors["to"] = ["the period may cover at most 366 days"];
        if (errors.Count > 0) return ReportingHttp.Invalid(errors, "The KPI query is not valid");

        var ids = await session.Query<IncidentSummary>().Where(filter).Where(s => s.DetectedAt >= start && s.DetectedAt < end)
            .OrderBy(s => s.DetectedAt).Select(s => s.IncidentId).Take(MaxIncidents + 1).ToListAsync(ct);
        if (ids.Count > MaxIncidents)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["from"] = [$"more than {MaxIncidents} incidents in this period: choose a shorter one"] },
                title: "The period holds too many incidents", statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        var kpis = new List<IncidentKpis>(ids.Count);
        foreach (var id in ids)
        {
            if (await reader.ReadAsync(session, id, now, reader.Options, ct) is { } facts) kpis.Add(IncidentMeasurement.Measure(facts, reader.Options, now));
        }
        var period = PeriodMeasurement.Summarise(scope, scopeId, start, end, kpis);
        return csv ? ReportingHttp.Csv(KpiCsv.Period(period), $"{scopeId ?? scope}-kpis.csv") : Results.Ok(period);
    }
}
