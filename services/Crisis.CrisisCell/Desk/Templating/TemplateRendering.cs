using Crisis.CrisisCell.Incidents;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Http;
using Crisis.PersonalData.Reading;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Crisis.CrisisCell.Desk.Templating;

/// <summary>Turns an answer written from a template into the words that leave the desk.</summary>
public static class TemplateRendering
{
    /// <summary>The organisation's own template (not deleted), else a built-in one; null when neither exists.</summary>
    public static async Task<DeskTemplate?> FindAsync(IQuerySession session, string organisation, string templateId, CancellationToken ct)
    {
        if (BuiltInTemplates.Find(templateId) is { } builtIn) return builtIn;
        if (!Crisis.ServiceDefaults.Http.Validating.InputRules.IsIdentifier(templateId)) return null;
        return await session.LoadAsync<DeskTemplate>(AnswerTemplateStreams.KeyFor(organisation, templateId), ct) is { Deleted: false } own ? own : null;
    }

    /// <summary>
    /// The answer's text and language: the request's text (the responder may have edited the template) or else the
    /// template's, with its placeholders filled from the conversation. Refusals name the field to fix: an unknown
    /// template is the <c>templateId</c>; an unknown or unfillable placeholder is the <c>text</c> the responder wrote, or
    /// the <c>templateId</c> when the words came from the template.
    /// </summary>
    public static async Task<(string Text, string Language)> RenderAsync(
        IQuerySession session, PostContents contents, Conversation conversation, string templateId, string? text, string? language, CancellationToken ct)
    {
        var template = await FindAsync(session, conversation.OrganisationId, templateId, ct)
            ?? throw new FieldRefusedException("templateId", $"no template '{templateId}' in this organisation (GET /api/desk/templates lists them)", StatusCodes.Status422UnprocessableEntity);
        var field = string.IsNullOrEmpty(text) ? "templateId" : "text";
        var words = string.IsNullOrEmpty(text) ? template.Text : text;
        if (TemplateText.Problem(words) is { } problem && TemplateText.PlaceholdersOf(words).Any(p => !TemplateText.Known.Contains(p)))
            throw new FieldRefusedException(field, problem, StatusCodes.Status422UnprocessableEntity);
        var values = await ValuesAsync(session, contents, conversation, TemplateText.PlaceholdersOf(words), ct);
        var (rendered, missing) = TemplateText.Render(words, values);
        if (rendered is null)
        {
            throw new FieldRefusedException(field, $"cannot fill {string.Join(", ", missing.Select(m => "{" + m + "}"))}: "
                + (missing.Contains(TemplateText.IncidentLink) ? "the conversation belongs to no incident with a published statement" : "no value for this conversation"),
                StatusCodes.Status422UnprocessableEntity);
        }
        return (rendered, string.IsNullOrEmpty(language) ? template.Language : language);
    }

    /// <summary>Only what the text asks for is read: the author's handle is personal data, read at the last moment.</summary>
    private static async Task<Dictionary<string, string?>> ValuesAsync(
        IQuerySession session, PostContents contents, Conversation conversation, IReadOnlyList<string> wanted, CancellationToken ct)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (wanted.Contains(TemplateText.Author))
        {
            var root = new PostRef(conversation.Platform, conversation.RootPostId);
            var found = await contents.FindAsync([root], PostScope.OfBrand(conversation.OrganisationId, conversation.BrandId), ct);
            // An erased author is greeted without a name rather than by a pseudonym.
            values[TemplateText.Author] = found.TryGetValue(root, out var post) && post.Handle is { } handle ? "@" + handle : "";
        }
        if (wanted.Contains(TemplateText.Brand))
        {
            var brand = await session.LoadAsync<Crisis.Ingestion.Brands.BrandProfile>(Crisis.Ingestion.Brands.BrandStreams.KeyFor(conversation.BrandId), ct);
            values[TemplateText.Brand] = brand?.Name ?? conversation.BrandId;
        }
        if (wanted.Contains(TemplateText.IncidentLink))
            values[TemplateText.IncidentLink] = await IncidentLinkAsync(session, conversation, ct);
        return values;
    }

    /// <summary>The latest statement published for the conversation's latest incident (of the same organisation), if any.</summary>
    private static async Task<string?> IncidentLinkAsync(IQuerySession session, Conversation conversation, CancellationToken ct)
    {
        if (conversation.Mentions.LastOrDefault(m => m.IncidentId is not null)?.IncidentId is not { } incidentId) return null;
        var state = await session.Events.AggregateStreamAsync<DeciderState<IncidentState>>(IncidentStreams.KeyFor(incidentId), token: ct);
        return state?.State is Incident incident && incident.OrganisationId == conversation.OrganisationId && incident.PublicResponses.Count > 0
            ? incident.PublicResponses.MaxBy(r => r.PublishedAt)!.Url.ToString()
            : null;
    }
}
