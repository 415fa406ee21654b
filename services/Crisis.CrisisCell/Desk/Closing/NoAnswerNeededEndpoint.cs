using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Desk.Closing;

public sealed record NoAnswerNeededRequest([property: MultiLine(Closing.LongestReason)] string? Reason);

public static class NoAnswerNeededEndpoint
{
    public static void MapNoAnswerNeeded(this IEndpointRouteBuilder desk) =>
        desk.MapPost("/conversations/{id}/no-answer-needed", (string id, NoAnswerNeededRequest request, IDocumentSession session, TimeProvider clock,
            HttpContext http, CancellationToken ct) =>
            DeskHttp.HandleAsync(session, http, new MarkNoAnswerNeeded(id, request.Reason ?? "", http.User.Actor(), clock.GetUtcNow()), ct))
            .WithName("MarkNoAnswerNeeded").RequireAuthorization(CrisisPolicies.Responder);
}
