using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Desk.Templating;

/// <summary>The playbook's steps an answer serves (docs/DOMAIN.md: respond, be transparent, acknowledge).</summary>
public enum TemplateStage
{
    Acknowledge,
    Apologise,
    Explain,
    RedirectToPrivate,
}

/// <summary>The languages the desk writes in: Arabic MSA, Maghrebi Arabic (Arabic script), French, English, Arabizi.</summary>
public static class TemplateLanguages
{
    public const string Arabic = "ar";
    public const string Maghrebi = "ar-maghreb";
    public const string French = "fr";
    public const string English = "en";
    public const string Arabizi = "arabizi";

    public static IReadOnlyList<string> All { get; } = [Arabic, Maghrebi, French, English, Arabizi];

    public static string? Problem(string? language) =>
        language is not null && All.Contains(language, StringComparer.Ordinal) ? null : $"must be one of {string.Join(", ", All)}";
}

/// <summary>An organisation's answer templates, one stream each: <c>desk-template/{organisation}/{templateId}</c>.</summary>
public static class AnswerTemplateStreams
{
    /// <summary>Built-in templates' ids start with this; an organisation saves its own under other ids.</summary>
    public const string BuiltInPrefix = "builtin-";

    public static string KeyFor(string organisationId, string templateId) => $"desk-template/{organisationId}/{templateId}";
}

public abstract record AnswerTemplateCommand(string OrganisationId, string TemplateId, string By, DateTimeOffset Now);

/// <summary>Create the template, or replace its stage, language and text.</summary>
public sealed record SaveAnswerTemplate(string OrganisationId, string TemplateId, TemplateStage Stage, string Language, string Text, string By, DateTimeOffset Now)
    : AnswerTemplateCommand(OrganisationId, TemplateId, By, Now);

public sealed record DeleteAnswerTemplate(string OrganisationId, string TemplateId, string By, DateTimeOffset Now)
    : AnswerTemplateCommand(OrganisationId, TemplateId, By, Now);

public abstract record AnswerTemplateEvent(string OrganisationId, string TemplateId);

public sealed record AnswerTemplateSaved(
    string OrganisationId, string TemplateId, TemplateStage Stage, string Language, string Text, string SavedBy, DateTimeOffset SavedAt)
    : AnswerTemplateEvent(OrganisationId, TemplateId);

public sealed record AnswerTemplateDeleted(string OrganisationId, string TemplateId, string DeletedBy, DateTimeOffset DeletedAt)
    : AnswerTemplateEvent(OrganisationId, TemplateId);

public abstract record AnswerTemplateState
{
    public sealed record None : AnswerTemplateState;

    public sealed record Saved(TemplateStage Stage, string Language, string Text) : AnswerTemplateState;

    /// <summary>Deleted templates keep their stream: an answer sent with it still names it, and it may be saved again.</summary>
    public sealed record Deleted : AnswerTemplateState;
}

public static class AnswerTemplateDecider
{
    public static readonly Decider<AnswerTemplateState, AnswerTemplateCommand, AnswerTemplateEvent> Instance =
        new(Decide, Evolve, new AnswerTemplateState.None());

    public static IReadOnlyList<AnswerTemplateEvent> Decide(AnswerTemplateCommand command, AnswerTemplateState state) => command switch
    {
        SaveAnswerTemplate save => Save(save, state),
        DeleteAnswerTemplate delete => state is AnswerTemplateState.Saved
            ? [new AnswerTemplateDeleted(delete.OrganisationId, delete.TemplateId, delete.By, delete.Now)]
            // Deleting twice is a no-op; deleting what never existed is the caller's mistake (404 over HTTP).
            : state is AnswerTemplateState.Deleted ? [] : throw new DomainRefusalException($"template '{delete.TemplateId}' does not exist"),
        _ => throw new InvalidOperationException($"unknown template command {command.GetType().Name}"),
    };

    private static IReadOnlyList<AnswerTemplateEvent> Save(SaveAnswerTemplate command, AnswerTemplateState state)
    {
        DeskRefusals.Required(command.By, "actor");
        if (command.TemplateId.StartsWith(AnswerTemplateStreams.BuiltInPrefix, StringComparison.Ordinal))
            throw new DomainRefusalException($"templateId '{command.TemplateId}' is reserved for built-in templates; save under another id", DomainRefusalKind.Invalid);
        if (TemplateLanguages.Problem(command.Language) is { } language) throw new DomainRefusalException($"language {language}", DomainRefusalKind.Invalid);
        if (TemplateText.Problem(command.Text) is { } text) throw new DomainRefusalException($"text {text}", DomainRefusalKind.Invalid);
        // Saving what is already there records nothing: a retried PUT is idempotent.
        if (state is AnswerTemplateState.Saved saved && saved == new AnswerTemplateState.Saved(command.Stage, command.Language, command.Text)) return [];
        return [new AnswerTemplateSaved(command.OrganisationId, command.TemplateId, command.Stage, command.Language, command.Text, command.By, command.Now)];
    }

    public static AnswerTemplateState Evolve(AnswerTemplateState state, AnswerTemplateEvent @event) => @event switch
    {
        AnswerTemplateSaved e => new AnswerTemplateState.Saved(e.Stage, e.Language, e.Text),
        AnswerTemplateDeleted => new AnswerTemplateState.Deleted(),
        _ => throw new InvalidOperationException($"unknown template event {@event.GetType().Name}"),
    };
}
