using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.RecordingResponses;

public sealed record RecordPublicResponseRequest(
    [property: SingleLine(100)] string? Channel, [property: HttpUrl] string? Url, [property: MultiLine(20_000)] string? Text,
    [property: Identifier] string? Language, DateTimeOffset? PublishedAt);

public static class RecordPublicResponseEndpoint
{
    public static void MapRecordPublicResponse(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/responses", (string id, RecordPublicResponseRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url))
                return Task.FromResult(IncidentHttp.Invalid("url", "is required: the absolute url of the published response"));
            if (request.PublishedAt is not { } publishedAt)
                return Task.FromResult(IncidentHttp.Invalid("publishedAt", "is required, ISO 8601 with an offset"));
            return IncidentHttp.HandleAsync(session, http, new RecordPublicResponse(id, request.Channel ?? "", url, request.Text ?? "",
                request.Language ?? "", publishedAt, IncidentHttp.Actor(http), clock.GetUtcNow()), ct);
        }).WithName("RecordPublicResponse").RequireAuthorization(CrisisPolicies.Responder);
}
