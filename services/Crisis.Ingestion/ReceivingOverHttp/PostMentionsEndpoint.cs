using System.Buffers;
using Crisis.Ingestion.Recording;
using Crisis.ServiceDefaults.Security.Authorizing;
using Crisis.ServiceDefaults.Security.Limiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Ingestion.ReceivingOverHttp;

/// <summary>
/// <c>POST /api/mentions</c>: a JSON array or NDJSON body. Answers 202 with what was accepted, already known
/// and rejected (line, field, reason for each rejection) only after the accepted mentions are committed.
/// </summary>
public static class PostMentionsEndpoint
{
    public sealed record Response(int Accepted, int Duplicate, int Rejected, IReadOnlyList<ItemError> Errors);

    public static void MapPostMentions(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/mentions", HandleAsync)
            .WithName("PostMentions").RequireAuthorization(CrisisPolicies.Ingest)
            .RequireRateLimiting(IngestRateLimit.Policy)
            .WithTags("Mentions")
            .Produces<Response>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> HandleAsync(HttpContext http, MentionRecorder recorder, IngestionLimits limits, CancellationToken ct)
    {
        // The server-wide limit is lifted for this endpoint and replaced by our own, which answers with a problem body.
        // Lifted first, even for a body we refuse unread: Kestrel drains it after the answer so the client reads the 413.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature) sizeFeature.MaxRequestBodySize = null;
        if (http.Request.ContentLength > limits.MaxBodyBytes) return TooLarge(limits);

        var body = await ReadBodyAsync(http.Request, limits.MaxBodyBytes, ct);
        if (body is null) return TooLarge(limits);

        List<IntakeItem> items;
        try
        {
            items = MentionBodyReader.Read(body.WrittenSpan);
        }
        catch (MentionBodyReader.MalformedBodyException e)
        {
            return Results.Problem(title: "The body is not well-formed JSON", detail: e.Message, statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["field"] = "$" });
        }
        if (items.Count == 0)
        {
            return Results.Problem(title: "No mentions in the body", detail: "Send a JSON array of mentions or one mention per line (NDJSON).",
                statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["field"] = "$" });
        }
        if (items.Count > limits.MaxItemsPerBatch)
        {
            return Results.Problem(title: "Too many mentions in one request",
                detail: $"{items.Count} items; at most {limits.MaxItemsPerBatch} per request. Nothing was stored; split the batch.",
                statusCode: StatusCodes.Status413PayloadTooLarge, extensions: new Dictionary<string, object?> { ["field"] = "$" });
        }

        // Only the caller's organisation's brands: another's are rejected item by item, as unregistered ones are.
        var report = await recorder.RecordAsync(items, http.User.RequiredOrganisation(), ct);
        if (report.Accepted + report.Duplicate == 0)
        {
            return Results.Problem(title: "No mention in the request is valid",
                detail: $"All {report.Rejected} items were rejected; see errors for the line, field and reason of each.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["errors"] = report.Errors });
        }
        return Results.Json(new Response(report.Accepted, report.Duplicate, report.Rejected, report.Errors), statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult TooLarge(IngestionLimits limits) => Results.Problem(
        title: "The body is too large",
        detail: $"At most {limits.MaxBodyBytes} bytes per request. Nothing was stored; split the batch.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        extensions: new Dictionary<string, object?> { ["field"] = "$" });

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<ArrayBufferWriter<byte>?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 64 * 1024, limit) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(64 * 1024);
            var read = await request.Body.ReadAsync(memory, ct);
            if (read == 0) return buffer;
            buffer.Advance(read);
            if (buffer.WrittenCount > limit) return null;
        }
    }
}
