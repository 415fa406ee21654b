using Crisis.CrisisCell.Incidents.RecordingResponses;

namespace Crisis.CrisisCell.Incidents.ApprovingStatements;

/// <summary>
/// A public statement of the incident (the transparency statement) on its way out: drafted, edited, approved by an
/// incident lead at one revision, then recorded as published. Every word is weighed (docs/DOMAIN.md), so what goes out is
/// exactly the revision a lead approved; an edit after the approval needs a new one.
/// </summary>
public sealed record Statement(string StatementId, string Channel, string Language, string Text, int Revision, string DraftedBy)
{
    public int? ApprovedRevision { get; init; }
    public string? ApprovedBy { get; init; }
    public Uri? PublishedUrl { get; init; }

    public bool IsApproved => ApprovedRevision == Revision;
}

public sealed record DraftStatement(string IncidentId, string StatementId, string Channel, string Text, string Language, string By, DateTimeOffset Now)
    : IncidentCommand(IncidentId, Now);

public sealed record EditStatement(string IncidentId, string StatementId, string Text, string By, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

/// <param name="Revision">The revision the lead read: a statement edited since is not approved unseen.</param>
public sealed record ApproveStatement(string IncidentId, string StatementId, int Revision, string By, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

public sealed record PublishStatement(string IncidentId, string StatementId, Uri Url, DateTimeOffset PublishedAt, string By, DateTimeOffset Now)
    : IncidentCommand(IncidentId, Now);

public sealed record StatementDrafted(string IncidentId, string StatementId, string Channel, string Text, string Language, string DraftedBy, DateTimeOffset DraftedAt)
    : IncidentEvent(IncidentId);

public sealed record StatementEdited(string IncidentId, string StatementId, int Revision, string Text, string EditedBy, DateTimeOffset EditedAt)
    : IncidentEvent(IncidentId);

public sealed record StatementApproved(string IncidentId, string StatementId, int Revision, string ApprovedBy, DateTimeOffset ApprovedAt)
    : IncidentEvent(IncidentId);

/// <summary>Followed by a <see cref="PublicResponseRecorded"/> with the approved words, which the reports measure.</summary>
public sealed record StatementPublished(string IncidentId, string StatementId, int Revision, Uri Url, DateTimeOffset PublishedAt, string RecordedBy, DateTimeOffset RecordedAt)
    : IncidentEvent(IncidentId);

internal static class ApprovingStatements
{
    public const int LongestText = 20_000;

    public static IReadOnlyList<IncidentEvent> Decide(DraftStatement command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        Refusals.Required(command.StatementId, "statementId");
        Refusals.Required(command.Channel, "channel");
        Refusals.Required(command.Language, "language");
        CheckText(command.Text);
        var incident = Refusals.RequireNotClosed(state, command.IncidentId, "draft a statement");
        if (incident.Statements.TryGetValue(command.StatementId, out var existing))
        {
            // A retried draft is a no-op; a different one under the same id is a mistake, not an edit.
            return existing.Revision == 1 && existing.Text == command.Text && existing.Channel == command.Channel && existing.Language == command.Language
                ? []
                : throw Refusals.Conflict($"statement '{command.StatementId}' was already drafted; edit it instead");
        }
        return [new StatementDrafted(command.IncidentId, command.StatementId, command.Channel, command.Text, command.Language, command.By, command.Now)];
    }

    public static IReadOnlyList<IncidentEvent> Decide(EditStatement command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        CheckText(command.Text);
        var statement = Unpublished(state, command.IncidentId, command.StatementId, "edit");
        return statement.Text == command.Text
            ? []
            : [new StatementEdited(command.IncidentId, command.StatementId, statement.Revision + 1, command.Text, command.By, command.Now)];
    }

    public static IReadOnlyList<IncidentEvent> Decide(ApproveStatement command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        var statement = Unpublished(state, command.IncidentId, command.StatementId, "approve");
        if (command.Revision != statement.Revision)
            throw Refusals.Conflict($"statement '{command.StatementId}' is at revision {statement.Revision}, not {command.Revision}: read it again before approving");
        return statement.IsApproved ? [] : [new StatementApproved(command.IncidentId, command.StatementId, command.Revision, command.By, command.Now)];
    }

    public static IReadOnlyList<IncidentEvent> Decide(PublishStatement command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        Refusals.Invalid(command.Url is null || !command.Url.IsAbsoluteUri, "the statement's url must be absolute");
        Refusals.Invalid(command.PublishedAt > command.Now, "a statement cannot be recorded as published in the future");
        var incident = Refusals.RequireNotClosed(state, command.IncidentId, "record a statement as published");
        var statement = Find(incident, command.StatementId);
        if (statement.PublishedUrl is { } published)
            return published == command.Url ? [] : throw Refusals.Conflict($"statement '{command.StatementId}' was already published at {published}");
        if (!statement.IsApproved)
        {
            throw Refusals.Conflict(statement.ApprovedRevision is { } approved
                ? $"statement '{command.StatementId}' was edited after its approval (approved revision {approved}, now {statement.Revision}): an incident lead must approve it again"
                : $"statement '{command.StatementId}' is not approved: an incident lead must approve it before it is published");
        }
        return
        [
            new StatementPublished(command.IncidentId, command.StatementId, statement.Revision, command.Url!, command.PublishedAt, command.By, command.Now),
            .. RecordingPublicResponses.Decide(
                new RecordPublicResponse(command.IncidentId, statement.Channel, command.Url!, statement.Text, statement.Language, command.PublishedAt, command.By, command.Now), state),
        ];
    }

    public static Incident Apply(Incident incident, IncidentEvent e) => e switch
    {
        StatementDrafted d => incident with { Statements = incident.Statements.SetItem(d.StatementId, new Statement(d.StatementId, d.Channel, d.Language, d.Text, 1, d.DraftedBy)) },
        StatementEdited d => With(incident, d.StatementId, s => s with { Text = d.Text, Revision = d.Revision }),
        StatementApproved a => With(incident, a.StatementId, s => s with { ApprovedRevision = a.Revision, ApprovedBy = a.ApprovedBy }),
        StatementPublished p => With(incident, p.StatementId, s => s with { PublishedUrl = p.Url }),
        _ => throw new InvalidOperationException($"{e.GetType().Name} is not a statement event"),
    };

    private static Incident With(Incident incident, string statementId, Func<Statement, Statement> change) =>
        incident with { Statements = incident.Statements.SetItem(statementId, change(incident.Statements[statementId])) };

    private static Statement Unpublished(IncidentState state, string incidentId, string statementId, string action)
    {
        var statement = Find(Refusals.RequireNotClosed(state, incidentId, $"{action} a statement"), statementId);
        return statement.PublishedUrl is null
            ? statement
            : throw Refusals.Conflict($"cannot {action} statement '{statementId}': it was published at {statement.PublishedUrl}");
    }

    private static Statement Find(Incident incident, string statementId) =>
        incident.Statements.TryGetValue(statementId, out var statement)
            ? statement
            : throw Refusals.Conflict($"statement '{statementId}' does not exist on incident '{incident.IncidentId}'");

    private static void CheckText(string text)
    {
        Refusals.Required(text, "text");
        Refusals.Invalid(text.Length > LongestText, $"text is {text.Length} characters; a statement has at most {LongestText}");
    }
}
