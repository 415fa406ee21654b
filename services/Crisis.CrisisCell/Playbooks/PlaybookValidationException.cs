namespace Crisis.CrisisCell.Playbooks;

/// <summary>A playbook file that cannot be used; <see cref="Field"/> is the JSON path of the offending value.</summary>
public sealed class PlaybookValidationException(string field, string problem)
    : Exception($"playbook field '{field}': {problem}")
{
    public string Field { get; } = field;
    public string Problem { get; } = problem;
}
