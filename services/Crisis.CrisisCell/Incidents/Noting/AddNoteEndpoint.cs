using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.Noting;

/// <param name="NoteId">Chosen by the client so that a retried request adds the note once; generated when absent.</param>
public sealed record AddNoteRequest([property: Identifier] string? NoteId, [property: MultiLine(10_000)] string? Text);

public static class AddNoteEndpoint
{
    public static void MapAddNote(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/notes", (string id, AddNoteRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            IncidentHttp.HandleAsync(session, http,
                new AddNote(id, request.NoteId ?? Guid.NewGuid().ToString("N"), request.Text ?? "", IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("AddNote").RequireAuthorization(CrisisPolicies.Responder);
}
