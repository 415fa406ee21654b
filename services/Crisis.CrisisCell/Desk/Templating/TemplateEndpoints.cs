using Crisis.CrisisCell.Incidents;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Desk.Templating;

/// <param name="Stage">Acknowledge, Apologise, Explain or RedirectToPrivate.</param>
/// <param name="Language">ar, ar-maghreb, fr, en or arabizi.</param>
public sealed record TemplateRequest(TemplateStage? Stage, [property: Identifier] string? Language, [property: MultiLine(TemplateText.LongestText)] string? Text);

public sealed record TemplateView(
    string TemplateId, TemplateStage Stage, string Language, string Text, IReadOnlyList<string> Placeholders, bool BuiltIn, string? SavedBy,
    DateTimeOffset? SavedAt, long Version)
{
    public static TemplateView Of(DeskTemplate t) => new(t.TemplateId, t.Stage, t.Language, t.Text, t.Placeholders, t.BuiltIn, t.SavedBy, t.SavedAt, t.Version);
}

/// <summary>
/// The organisation's answer templates over HTTP: everyone of the organisation reads them, incident leads write them
/// (they answer for what the brand says). Another organisation's templates do not exist for the caller: the stream key
/// carries the caller's organisation, so no id can reach them.
/// </summary>
public static class TemplateEndpoints
{
    public static void MapTemplates(this IEndpointRouteBuilder desk)
    {
        desk.MapGet("/templates", async (TemplateStage? stage, string? language, IQuerySession session, HttpContext http, CancellationToken ct) =>
        {
            var organisation = http.User.RequiredOrganisation();
            var own = await session.Query<DeskTemplate>().Where(t => t.OrganisationId == organisation && !t.Deleted).ToListAsync(ct);
            var all = own.Concat(BuiltInTemplates.All)
                .Where(t => (stage is null || t.Stage == stage) && (language is null || t.Language == language))
                .OrderBy(t => t.Stage).ThenBy(t => t.Language, StringComparer.Ordinal).ThenBy(t => t.BuiltIn).ThenBy(t => t.TemplateId, StringComparer.Ordinal);
            return Results.Ok(all.Select(TemplateView.Of));
        }).WithName("DeskTemplates").RequireAuthorization(CrisisPolicies.Viewer);

        desk.MapGet("/templates/{templateId}", async (string templateId, IQuerySession session, HttpContext http, CancellationToken ct) =>
            await TemplateRendering.FindAsync(session, http.User.RequiredOrganisation(), templateId, ct) is { } template
                ? Results.Ok(TemplateView.Of(template))
                : NotFound(templateId))
            .WithName("GetDeskTemplate").RequireAuthorization(CrisisPolicies.Viewer);

        desk.MapPut("/templates/{templateId}", async (string templateId, TemplateRequest request, IDocumentSession session, TimeProvider clock, HttpContext http,
            CancellationToken ct) =>
        {
            if (!InputRules.IsIdentifier(templateId)) return DeskHttp.Invalid("templateId", InputRules.IdentifierRule);
            if (templateId.StartsWith(AnswerTemplateStreams.BuiltInPrefix, StringComparison.Ordinal))
                return DeskHttp.Invalid("templateId", $"'{AnswerTemplateStreams.BuiltInPrefix}…' is reserved for built-in templates; save under another id");
            if (request.Stage is not { } stage) return DeskHttp.Invalid("stage", $"is required, one of: {string.Join(", ", Enum.GetNames<TemplateStage>())}");
            if (TemplateLanguages.Problem(request.Language) is { } language) return DeskHttp.Invalid("language", language);
            if (TemplateText.Problem(request.Text) is { } text) return DeskHttp.Invalid("text", text);
            var organisation = http.User.RequiredOrganisation();
            var (events, version) = await session.HandleAsync(AnswerTemplateStreams.KeyFor(organisation, templateId), AnswerTemplateDecider.Instance,
                new SaveAnswerTemplate(organisation, templateId, stage, request.Language!, request.Text!, http.User.Actor(), clock.GetUtcNow()),
                IncidentHttp.ExpectedVersion(http), ct);
            http.Response.Headers.ETag = IncidentHttp.ETag(version);
            return Results.Ok(new { templateId, version, recorded = events.Count });
        }).WithName("SaveDeskTemplate").RequireAuthorization(CrisisPolicies.IncidentLead);

        desk.MapDelete("/templates/{templateId}", async (string templateId, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var organisation = http.User.RequiredOrganisation();
            if (!InputRules.IsIdentifier(templateId) || await session.Events.FetchStreamStateAsync(AnswerTemplateStreams.KeyFor(organisation, templateId), ct) is null)
                return NotFound(templateId);
            var (events, version) = await session.HandleAsync(AnswerTemplateStreams.KeyFor(organisation, templateId), AnswerTemplateDecider.Instance,
                new DeleteAnswerTemplate(organisation, templateId, http.User.Actor(), clock.GetUtcNow()), IncidentHttp.ExpectedVersion(http), ct);
            return Results.Ok(new { templateId, version, recorded = events.Count });
        }).WithName("DeleteDeskTemplate").RequireAuthorization(CrisisPolicies.IncidentLead);
    }

    public static IResult NotFound(string templateId) =>
        Results.Problem(title: "No such template", detail: $"template '{templateId}' does not exist", statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["field"] = "templateId" });
}
