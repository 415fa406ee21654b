using Microsoft.Extensions.Options;

namespace Crisis.CrisisCell.Notifying.Configuring;

/// <summary>Every organisation's on-call configuration, loaded at start-up: a broken file stops the host, not the first crisis.</summary>
public sealed class OnCallDirectory
{
    private readonly Dictionary<string, OnCallConfiguration> organisations;

    public OnCallDirectory(IOptions<NotificationSettings> settings)
    {
        organisations = settings.Value.OnCallFiles.ToDictionary(f => f.Key, f => Load(f.Key, f.Value), StringComparer.Ordinal);
    }

    /// <summary>The organisation's configuration; none means nobody is notified for its incidents.</summary>
    public OnCallConfiguration? For(string organisationId) => organisations.GetValueOrDefault(organisationId);

    /// <summary>What is wrong with an organisation's on-call file, naming the setting and the field; null when it loads.</summary>
    public static string? ProblemOf(string organisationId, string path)
    {
        try
        {
            Load(organisationId, path);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    private static OnCallConfiguration Load(string organisationId, string path)
    {
        try
        {
            return OnCallJson.Parse(organisationId, File.ReadAllText(path));
        }
        catch (Exception e) when (e is ServiceDefaults.EventSourcing.DomainRefusalException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{NotificationSettings.Section}:OnCallFiles:{organisationId} ({path}): {e.Message}", e);
        }
    }
}
