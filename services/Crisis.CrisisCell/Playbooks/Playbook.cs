namespace Crisis.CrisisCell.Playbooks;

/// <summary>An organisation's crisis playbook: the stages the cell walks through, in order.</summary>
public sealed record Playbook(string OrganisationId, IReadOnlyList<PlaybookStage> Stages);

/// <summary>
/// One step of the playbook. The deadline counts from detection, not from the previous stage: a buzz does not
/// wait for the cell, so a late first stage eats into the time of every later one.
/// </summary>
public sealed record PlaybookStage(
    string Id, string Name, string Guidance, TimeSpan DeadlineAfterDetection, IReadOnlyList<ChecklistItem> Checklist);

/// <summary>A thing to do in a stage; a warning is shown next to items the doctrine calls risky.</summary>
public sealed record ChecklistItem(string Id, string Text, string? Warning = null);
