using System.Globalization;
using Crisis.CrisisCell.Incidents;
using Crisis.Reporting.Measuring;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Reporting.MeasuringIncidents;

public static class IncidentKpisEndpoint
{
    /// <summary><c>GET /api/incidents/{id}/kpis[?format=csv][&amp;responseWindowMinutes=30]</c>: the incident's KPIs as of now.</summary>
    public static void MapIncidentKpis(this IEndpointRouteBuilder incidents) =>
        incidents.MapGet("/{id}/kpis", HandleAsync).WithName("GetIncidentKpis").RequireAuthorization(CrisisPolicies.Viewer).WithSummary("One incident's KPIs (JSON, or CSV with ?format=csv or Accept: text/csv)")
        .Produces<IncidentKpis>(StatusCodes.Status200OK, "application/json", "text/csv")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(string id, string? format, string? responseWindowMinutes,
        IQuerySession session, IncidentFactsReader reader, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = ReportingHttp.WantsCsv(format, http, errors);
        var options = WithResponseWindow(reader.Options, responseWindowMinutes, errors);
        if (errors.Count > 0) return ReportingHttp.Invalid(errors, "The KPI query is not valid");

        var now = clock.GetUtcNow();
        // Another organisation's incident is answered as a missing one.
        if (await IncidentAccess.FindAsync(session, http.User, id, ct) is null || await reader.ReadAsync(session, id, now, options, ct) is not { } facts)
            return ReportingHttp.NotFound("No such incident", $"incident '{id}' does not exist", "id");
        var kpis = IncidentMeasurement.Measure(facts, options, now);
        return csv ? ReportingHttp.Csv(KpiCsv.Incident(kpis), $"incident-{id}-kpis.csv") : Results.Ok(kpis);
    }

    /// <summary>The response window may be changed per request (1 to 1440 minutes) to compare shorter or longer effects.</summary>
    internal static KpiOptions WithResponseWindow(KpiOptions options, string? minutes, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(minutes)) return options;
        if (int.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 1440)
            return options with { ResponseWindow = TimeSpan.FromMinutes(m) };
        errors["responseWindowMinutes"] = ["must be a whole number of minutes from 1 to 1440"];
        return options;
    }
}
