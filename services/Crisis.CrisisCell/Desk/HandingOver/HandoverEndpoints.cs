using Crisis.ServiceDefaults.Http.Validating;
using Crisis.PersonalData.Reading;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Desk.HandingOver;

/// <param name="Promised">What the brand told the person customer service would do: the case's first line.</param>
public sealed record HandoverRequest([property: Identifier] string? HandoverId, [property: MultiLine(HandingOver.LongestPromise)] string? Promised);

/// <param name="Outcome">Resolved, Unresolved or CustomerUnreachable.</param>
public sealed record HandoverOutcomeRequest(HandoverOutcome? Outcome, [property: MultiLine(2_000)] string? Note);

public sealed record HandoverResult(string ConversationId, string HandoverId, long Version, IReadOnlyList<string> Recorded, string? CaseReference);

public static class HandoverEndpoints
{
    public static void MapHandingOver(this IEndpointRouteBuilder desk)
    {
        desk.MapPost("/conversations/{id}/handovers", async (string id, HandoverRequest request, IDocumentSession session, CustomerService customerService,
            PostContents contents, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            if (await DeskHttp.FindAsync(session, http.User, id, ct) is null) return DeskHttp.NotFound(id);
            var command = new HandOver(id, request.HandoverId ?? $"h{Guid.NewGuid():N}", request.Promised ?? "", http.User.Actor(), clock.GetUtcNow());
            var conversation = HandingOver.Prepare(command, await DeskHttp.LoadStateAsync(session, id, ct));
            if (!customerService.Serves(conversation.OrganisationId))
            {
                return Results.Problem(title: "No customer-service endpoint", statusCode: StatusCodes.Status409Conflict,
                    detail: $"no handover webhook or e-mail is configured for this organisation (Desk:Organisations:{conversation.OrganisationId}:HandoverWebhook or HandoverEmail); nothing was sent");
            }
            // Customer service needs who the person is and what they said: read from mention_keys now, never kept in the events.
            var posts = await contents.FindAsync(conversation.Mentions.Select(m => new PostRef(conversation.Platform, m.PostId)),
                PostScope.OfBrand(conversation.OrganisationId, conversation.BrandId), ct);
            var root = posts.GetValueOrDefault(new PostRef(conversation.Platform, conversation.RootPostId));
            var delivery = await customerService.DeliverAsync(new HandoverCase(HandoverCase.KindName, command.HandoverId, id, conversation.OrganisationId,
                conversation.BrandId, conversation.Platform, root?.Author ?? conversation.AuthorPseudonym, command.Promised, command.By,
                [.. conversation.Mentions.Select(m => new CasePost(m.PostId, m.PublishedAt, m.Language,
                    posts.TryGetValue(new PostRef(conversation.Platform, m.PostId), out var post) ? post.Text ?? PostContent.ErasedMark : null))],
                new CaseCallback("POST", $"/api/desk/conversations/{id}/handovers/{command.HandoverId}/outcome")), ct);
            if (!delivery.Delivered)
            {
                await DeskHttp.HandleOnStreamAsync(session, http, new RecordHandoverFailed(id, command.HandoverId, delivery.Failure ?? "not delivered", command.By, clock.GetUtcNow()), ct);
                return Results.Problem(title: "The handover was not delivered", detail: $"{delivery.Failure}; customer service did not receive the case, retry with the same handoverId",
                    statusCode: StatusCodes.Status502BadGateway, extensions: new Dictionary<string, object?> { ["handoverId"] = command.HandoverId });
            }
            var (events, version) = await DeskHttp.HandleOnStreamAsync(session, http,
                new RecordHandover(id, command.HandoverId, command.Promised, delivery.CaseReference, command.By, clock.GetUtcNow()), ct);
            http.Response.Headers.ETag = Incidents.IncidentHttp.ETag(version);
            return Results.Ok(new HandoverResult(id, command.HandoverId, version, [.. events.Select(ConversationEventNames.Of)], delivery.CaseReference));
        }).WithName("HandOverConversation").RequireAuthorization(CrisisPolicies.Responder);

        // Customer service's callback, with a token of the organisation like any client of the API (docs/response-desk.md).
        desk.MapPost("/conversations/{id}/handovers/{handoverId}/outcome", (string id, string handoverId, HandoverOutcomeRequest request,
            IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            request.Outcome is not { } outcome
                ? Task.FromResult(DeskHttp.Invalid("outcome", $"is required, one of: {string.Join(", ", Enum.GetNames<HandoverOutcome>())}"))
                : DeskHttp.HandleAsync(session, http, new ReportHandoverOutcome(id, handoverId, outcome, request.Note, http.User.Actor(), clock.GetUtcNow()), ct))
            .WithName("ReportHandoverOutcome").RequireAuthorization(CrisisPolicies.Responder);
    }
}
