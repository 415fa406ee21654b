using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.RecordingResponses;

public sealed record RecordContentRemovalRequest([property: SingleLine(100)] string? Channel, [property: HttpUrl] string? Url, [property: MultiLine(2_000)] string? Reason);

public static class RecordContentRemovalEndpoint
{
    public static void MapRecordContentRemoval(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/removals", (string id, RecordContentRemovalRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            !Uri.TryCreate(request.Url, UriKind.Absolute, out var url)
                ? Task.FromResult(IncidentHttp.Invalid("url", "is required: the absolute url of the removed content"))
                : IncidentHttp.HandleAsync(session, http,
                    new RecordContentRemoval(id, request.Channel ?? "", url, request.Reason ?? "", IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("RecordContentRemoval").RequireAuthorization(CrisisPolicies.Responder);
}
