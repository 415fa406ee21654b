namespace Crisis.CrisisCell.Notifying.Configuring;

/// <summary>Every organisation's on-call configuration, loaded at start-up: a broken file stops the host, not the first crisis.</summary>
public sealed class OnCallDirectory
{
    private readonly Dictionary<string, OnCallConfiguration> organisations;

    public OnCallDirectory(NotificationSettings settings)
    {
        organisations = settings.OnCallFiles.ToDictionary(f => f.Key, f => Load(f.Key, f.Value), StringComparer.Ordinal);
    }

    /// <summary>The organisation's configuration; none means nobody is notified for its incidents.</summary>
    public OnCallConfiguration? For(string organisationId) => organisations.GetValueOrDefault(organisationId);

    private static OnCallConfiguration Load(string organisationId, string path)
    {
        try
        {
            return OnCallJson.Parse(organisationId, File.ReadAllText(path));
        }
        catch (Exception e) when (e is ServiceDefaults.EventSourcing.DomainRefusalException or IOException)
        {
            throw new InvalidOperationException($"{NotificationSettings.Section}:OnCallFiles:{organisationId} ({path}): {e.Message}", e);
        }
    }
}
