using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.ApprovingStatements;

/// <param name="StatementId">Chosen by the client so that a retried draft is recorded once; generated when absent.</param>
public sealed record DraftStatementRequest(
    [property: Identifier] string? StatementId, [property: SingleLine(100)] string? Channel, [property: MultiLine(ApprovingStatements.LongestText)] string? Text,
    [property: Identifier] string? Language);

public sealed record EditStatementRequest([property: MultiLine(ApprovingStatements.LongestText)] string? Text);

/// <param name="Revision">The revision the lead read and approves (GET …/statements shows it).</param>
public sealed record ApproveStatementRequest([property: Within(1, 10_000)] int? Revision);

public sealed record PublishStatementRequest([property: HttpUrl] string? Url, DateTimeOffset? PublishedAt);

/// <summary>
/// Statements over HTTP. Responders draft, edit and record the publication; only incident leads approve (the token's
/// role, <see cref="CrisisPolicies.IncidentLead"/>, as for every other steering command). Another organisation's incident
/// answers 404 on each (<see cref="IncidentHttp.HandleAsync"/>).
/// </summary>
public static class StatementEndpoints
{
    public static void MapStatements(this IEndpointRouteBuilder incidents)
    {
        incidents.MapGet("/{id}/statements", async (string id, IQuerySession session, HttpContext http, CancellationToken ct) =>
        {
            if (await IncidentAccess.FindAsync(session, http.User, id, ct) is null) return IncidentHttp.NotFound(id);
            var state = await session.Events.AggregateStreamAsync<DeciderState<IncidentState>>(IncidentStreams.KeyFor(id), token: ct);
            var statements = state?.State is Incident incident ? incident.Statements.Values.OrderBy(s => s.StatementId, StringComparer.Ordinal) : Enumerable.Empty<Statement>();
            return Results.Ok(statements.Select(s => new { s.StatementId, s.Channel, s.Language, s.Text, s.Revision, s.DraftedBy, s.ApprovedRevision, s.ApprovedBy, s.IsApproved, s.PublishedUrl }));
        }).WithName("IncidentStatements").RequireAuthorization(CrisisPolicies.Viewer);

        incidents.MapPost("/{id}/statements", (string id, DraftStatementRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            IncidentHttp.HandleAsync(session, http, new DraftStatement(id, request.StatementId ?? $"s{Guid.NewGuid():N}", request.Channel ?? "", request.Text ?? "",
                request.Language ?? "", IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("DraftStatement").RequireAuthorization(CrisisPolicies.Responder);

        incidents.MapPost("/{id}/statements/{statementId}/edits", (string id, string statementId, EditStatementRequest request, IDocumentSession session, TimeProvider clock,
            HttpContext http, CancellationToken ct) =>
            IncidentHttp.HandleAsync(session, http, new EditStatement(id, statementId, request.Text ?? "", IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("EditStatement").RequireAuthorization(CrisisPolicies.Responder);

        incidents.MapPost("/{id}/statements/{statementId}/approval", (string id, string statementId, ApproveStatementRequest request, IDocumentSession session,
            TimeProvider clock, HttpContext http, CancellationToken ct) =>
            request.Revision is not { } revision
                ? Task.FromResult(IncidentHttp.Invalid("revision", "is required: the revision you read and approve"))
                : IncidentHttp.HandleAsync(session, http, new ApproveStatement(id, statementId, revision, IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("ApproveStatement").RequireAuthorization(CrisisPolicies.IncidentLead);

        incidents.MapPost("/{id}/statements/{statementId}/publication", (string id, string statementId, PublishStatementRequest request, IDocumentSession session,
            TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url))
                return Task.FromResult(IncidentHttp.Invalid("url", "is required: the absolute url of the published statement"));
            if (request.PublishedAt is not { } publishedAt)
                return Task.FromResult(IncidentHttp.Invalid("publishedAt", "is required, ISO 8601 with an offset"));
            return IncidentHttp.HandleAsync(session, http, new PublishStatement(id, statementId, url, publishedAt, IncidentHttp.Actor(http), clock.GetUtcNow()), ct);
        }).WithName("PublishStatement").RequireAuthorization(CrisisPolicies.Responder);
    }
}
