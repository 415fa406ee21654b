using Crisis.ServiceDefaults.Http.Validating;
using System.Text.Json.Nodes;
using Crisis.Detection.Detecting;
using Crisis.Ingestion.Brands;
using Marten;
using Crisis.ServiceDefaults.Security.Authorizing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Detection.Replaying;

/// <summary>Asks for a replay (or a what-if) of one brand's buckets [From, To).</summary>
public sealed record ReplayRequest([property: Identifier] string? BrandId, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>Asks for a what-if: the live detector options with <see cref="Options"/> (DetectorOptions property names) changed.</summary>
public sealed record WhatIfRequest([property: Identifier] string? BrandId, DateTimeOffset? From, DateTimeOffset? To, JsonObject? Options);

/// <summary>One buzz event of a run, in words, and whether live decided the same at that position.</summary>
/// <param name="Decision">In English, for logs and scripts; <paramref name="Facts"/> carries its values for a reader's language (the dashboard).</param>
public sealed record DecisionRow(int Index, DateTimeOffset Bucket, string Type, string Decision, int? Severity, bool SameAsLive, DecisionFacts Facts);

public sealed record ReplayResponse(string BrandId, DateTimeOffset From, DateTimeOffset To, bool ReproducesLive, ReplayDifference? FirstDifference,
    long Mentions, long UpToSequence, int LiveEvents, IReadOnlyList<DecisionRow> Decisions);

public sealed record WhatIfResponse(ReplayResponse Replay, WhatIfComparison Report);

/// <summary><c>POST /api/replays</c> and <c>POST /api/what-ifs</c>: read-only runs over the store, answered with their comparison with live.</summary>
public static class ReplayEndpoints
{
    public static void MapReplays(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/replays", async (ReplayRequest request, DetectionReplays replays, IQuerySession session, HttpContext http, CancellationToken ct) =>
            Window(request.BrandId, request.From, request.To, out var window) is { } problem ? problem
            : await BrandAccess.FindAsync(session, http.User, window.BrandId, ct) is null ? BrandAccess.NotFound(window.BrandId)
            : Results.Ok(Response(await replays.ReplayAsync(window, ct))))
            .WithName("ReplayDetection").RequireAuthorization(CrisisPolicies.Viewer).WithTags("Buzz");

        app.MapPost("/api/what-ifs", async (WhatIfRequest request, DetectionReplays replays, IQuerySession session, HttpContext http, CancellationToken ct) =>
        {
            if (Window(request.BrandId, request.From, request.To, out var window) is { } problem) return problem;
            if (await BrandAccess.FindAsync(session, http.User, window.BrandId, ct) is null) return BrandAccess.NotFound(window.BrandId);
            DetectorOptions options;
            try
            {
                var json = JsonNode.Parse(replays.LiveOptions.Detector.ToJson())!.AsObject();
                foreach (var (name, value) in request.Options ?? []) json[name] = value?.DeepClone();
                options = DetectorOptions.FromJson(json.ToJsonString());
            }
            catch (DetectorOptionsException e)
            {
                return Invalid("options." + e.Field, e.Message);
            }
            var (run, report) = await replays.WhatIfAsync(window, options, ct);
            return Results.Ok(new WhatIfResponse(Response(run), report));
        })
            .WithName("WhatIfDetection").RequireAuthorization(CrisisPolicies.Viewer).WithTags("Buzz");
    }

    private static IResult? Window(string? brandId, DateTimeOffset? from, DateTimeOffset? to, out ReplayWindow window)
    {
        window = null!;
        if (string.IsNullOrWhiteSpace(brandId)) return Invalid("brandId", "brandId is required");
        if (from is null) return Invalid("from", "from is required (ISO 8601 instant)");
        if (to is null) return Invalid("to", "to is required (ISO 8601 instant)");
        if (to <= from) return Invalid("to", "to must be after from");
        window = new ReplayWindow(brandId, from.Value, to.Value);
        return null;
    }

    private static IResult Invalid(string field, string detail) => Results.Problem(
        title: "Invalid replay request", detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity,
        extensions: new Dictionary<string, object?> { ["field"] = field });

    private static ReplayResponse Response(ReplayRun run)
    {
        var c = run.Comparison;
        var rows = c.Replayed.Select((e, i) => new DecisionRow(i, BuzzEventFacts.BucketOf(e), e.GetType().Name, BuzzEventFacts.Describe(e), BuzzEventFacts.SeverityOf(e),
            i < c.Live.Count && BuzzEventFacts.Text(c.Live[i]) == BuzzEventFacts.Text(e), DecisionFacts.Of(e))).ToList();
        return new ReplayResponse(c.Window.BrandId, c.Window.From, c.Window.To, c.ReproducesLive, c.FirstDifference, run.Mentions, run.UpToSequence, c.Live.Count, rows);
    }
}
