using Crisis.ServiceDefaults.Http.Validating;
using System.Globalization;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Summaries;
using Crisis.Detection.Buzz;
using Crisis.Ingestion.Brands;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Reporting.ReadingPastStates;

/// <summary>
/// An incident or a brand's buzz as Crisis knew it at a past instant: folded from the events recorded up to then
/// (their store timestamp), with the same projections as the live read models, so the answer has the same shape.
/// </summary>
public static class AsOfEndpoints
{
    public static void MapAsOf(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/incidents/{id}/as-of/{asOf}", IncidentAsync).WithName("GetIncidentAsOf").WithTags("Reporting").RequireAuthorization(CrisisPolicies.Viewer)
            .WithSummary("The incident as it stood at a past instant (events recorded up to then)")
            .Produces<IncidentSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/brands/{brandId}/buzz/as-of/{asOf}", BuzzAsync).WithName("GetBuzzStateAsOf").WithTags("Reporting").RequireAuthorization(CrisisPolicies.Viewer)
            .WithSummary("A brand's buzz state as it stood at a past instant (events recorded up to then)")
            .Produces<BuzzState>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> IncidentAsync(string id, string asOf, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        // Another organisation's incident is answered as a missing one.
        if (await IncidentAccess.FindAsync(session, http.User, id, ct) is null) return ReportingHttp.NotFound("No such incident", $"incident '{id}' does not exist", "id");
        var errors = new Dictionary<string, string[]>();
        if (InputRules.OptionalInstant(asOf, "asOf", errors) is not { } at) return ReportingHttp.Invalid(errors, "The as-of time is not valid");
        var key = IncidentStreams.KeyFor(id);
        if (await session.Events.AggregateStreamAsync<IncidentSummary>(key, timestamp: at, token: ct) is { } summary) return Results.Ok(summary);
        return await session.Events.FetchStreamStateAsync(key, ct) is { } stream
            ? ReportingHttp.NotFound("The incident did not exist yet", $"incident '{id}' was opened at {Stamp(stream.Created)}, after {Stamp(at)}", "asOf")
            : ReportingHttp.NotFound("No such incident", $"incident '{id}' does not exist", "id");
    }

    private static async Task<IResult> BuzzAsync(string brandId, string asOf, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (await BrandAccess.FindAsync(session, http.User, brandId, ct) is null) return BrandAccess.NotFound(brandId);
        var errors = new Dictionary<string, string[]>();
        if (InputRules.OptionalInstant(asOf, "asOf", errors) is not { } at) return ReportingHttp.Invalid(errors, "The as-of time is not valid");
        var key = BuzzStreams.KeyFor(brandId.Trim().ToLowerInvariant());
        if (await session.Events.AggregateStreamAsync<BuzzState>(key, timestamp: at, token: ct) is { } state) return Results.Ok(state with { Id = key });
        return await session.Events.FetchStreamStateAsync(key, ct) is { } stream
            ? ReportingHttp.NotFound("The brand was not monitored yet", $"buzz monitoring of '{brandId}' started at {Stamp(stream.Created)}, after {Stamp(at)}", "asOf")
            : ReportingHttp.NotFound("No buzz state for this brand", $"brand '{brandId}' has no decided bucket yet, or is not registered", "brandId");
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
