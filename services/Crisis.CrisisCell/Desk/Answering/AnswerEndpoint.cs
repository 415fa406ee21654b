using Crisis.CrisisCell.Desk.Intake;
using Crisis.CrisisCell.Desk.Templating;
using Crisis.PersonalData.Reading;
using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Desk.Answering;

/// <param name="AnswerId">The client's id for this answer, so a retried request is recognised; one is made when absent.</param>
/// <param name="TemplateId">Written from this template: without <paramref name="Text"/> the template's words are sent, and the placeholders of
/// either are filled (docs/response-desk.md, "Templates"); the language defaults to the template's.</param>
public sealed record AnswerRequest(
    [property: Identifier] string? AnswerId, [property: MultiLine(Answering.LongestAnswer)] string? Text, [property: Identifier] string? Language,
    [property: Identifier] string? TemplateId);

/// <summary>The answer as recorded, with its public link when the publisher gave one.</summary>
public sealed record AnswerResult(string ConversationId, string AnswerId, long Version, IReadOnlyList<string> Recorded, Uri? PublicUrl);

public static class AnswerEndpoint
{
    public static void MapAnswering(this IEndpointRouteBuilder desk) =>
        desk.MapPost("/conversations/{id}/answers", async (string id, AnswerRequest request, IDocumentSession session, IEnumerable<IAnswerPublisher> publishers,
            PostContents contents, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            if (await DeskHttp.FindAsync(session, http.User, id, ct) is null) return DeskHttp.NotFound(id);
            var state = await DeskHttp.LoadStateAsync(session, id, ct);
            var (text, language) = request.TemplateId is { } templateId && state is Conversation opened
                ? await TemplateRendering.RenderAsync(session, contents, opened, templateId, request.Text, request.Language, ct)
                : (request.Text ?? "", request.Language ?? "");
            var command = new SendAnswer(id, request.AnswerId ?? $"a{Guid.NewGuid():N}", text, language, request.TemplateId, http.User.Actor(), clock.GetUtcNow());
            var conversation = Answering.Prepare(command, state);
            // The last registered publisher serving the platform wins: a connector's publisher replaces the webhook for its platform.
            if (publishers.LastOrDefault(p => p.Serves(conversation.OrganisationId, conversation.Platform)) is not { } publisher)
            {
                return Results.Problem(title: "No publisher for this answer", statusCode: StatusCodes.Status409Conflict,
                    detail: $"no answer publisher is configured for this organisation (Desk:Organisations:{conversation.OrganisationId}:AnswerWebhook); nothing was sent");
            }
            var replyTo = conversation.Mentions.Count == 0 ? conversation.RootPostId : conversation.Mentions[^1].PostId;
            PublishedAnswer published;
            try
            {
                published = await publisher.PublishAsync(new OutboundAnswer(command.AnswerId, conversation.OrganisationId, conversation.BrandId, id,
                    conversation.Platform, replyTo, command.Text, command.Language, command.By), ct);
            }
            catch (AnswerNotPublishedException e)
            {
                // Shown on the conversation's stream, never as sent; the claim stays so the responder can retry.
                await DeskHttp.HandleOnStreamAsync(session, http, new RecordAnswerPublishFailed(id, command.AnswerId, e.Message, command.By, clock.GetUtcNow()), ct);
                return Results.Problem(title: "The answer was not published", detail: $"{e.Message}; it was not recorded as sent, retry with the same answerId",
                    statusCode: StatusCodes.Status502BadGateway, extensions: new Dictionary<string, object?> { ["answerId"] = command.AnswerId });
            }
            var (events, version) = await DeskHttp.HandleOnStreamAsync(session, http, new RecordAnswerSent(id, command.AnswerId, command.Text, command.Language,
                command.TemplateId, published.Publisher, published.PublicUrl, published.PostId, command.By, clock.GetUtcNow()), ct);
            if (published.PostId is { } postId)
            {
                // A reply to the brand's answer comes back to this conversation (the intake follows replyTo).
                await using var links = session.DocumentStore.LightweightSession();
                links.Store(new ConversationLink(ConversationLink.IdFor(conversation.BrandId, conversation.Platform, postId), id, BrandPost: true));
                await links.SaveChangesAsync(ct);
            }
            http.Response.Headers.ETag = Incidents.IncidentHttp.ETag(version);
            return Results.Ok(new AnswerResult(id, command.AnswerId, version, [.. events.Select(ConversationEventNames.Of)], published.PublicUrl));
        }).WithName("AnswerConversation").RequireAuthorization(CrisisPolicies.Responder);
}
