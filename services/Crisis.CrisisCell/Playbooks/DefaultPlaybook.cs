namespace Crisis.CrisisCell.Playbooks;

/// <summary>
/// The playbook an organisation gets until it writes its own: Respond, Be transparent, Acknowledge (then the
/// incident moves to monitoring until the buzz subsides). Shipped inside the assembly so it cannot go missing.
/// </summary>
public static class DefaultPlaybook
{
    private const string ResourceName = "Crisis.CrisisCell.Playbooks.default-playbook.json";

    public static string Json()
    {
        using var stream = typeof(DefaultPlaybook).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource '{ResourceName}' is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The default stages, under the given organisation's id.</summary>
    public static Playbook For(string organisationId) => PlaybookJson.Parse(Json()) with { OrganisationId = organisationId };
}
