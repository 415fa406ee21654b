using Crisis.CrisisCell.Playbooks;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Crisis.CrisisCell.Configuring;

/// <summary>
/// The <c>CrisisCell</c> configuration section: how severe a buzz must be before a brand's cell is paged, which
/// playbook an organisation walks, and how often stage deadlines are checked. Configuration rather than documents
/// for now: these change rarely and an operator edits them with the deployment.
/// </summary>
public sealed class CrisisCellSettings : IValidatableObject
{
    public const string Section = "CrisisCell";

    /// <summary>Severity (1 to 10, as the detector grades it) from which a buzz opens an incident.</summary>
    public int DefaultSeverityThreshold { get; set; } = 5;

    /// <summary>Per brand id: a threshold of its own (a small brand may want to hear about smaller waves).</summary>
    public Dictionary<string, int> SeverityThresholds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per organisation id: path of its playbook JSON file. Organisations not listed get the default playbook.</summary>
    public Dictionary<string, string> PlaybookFiles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often the deadline timer looks for stages past their deadline.</summary>
    public int DeadlineCheckIntervalSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultSeverityThreshold < 0)
            yield return new($"{Section}:DefaultSeverityThreshold must not be negative", [nameof(DefaultSeverityThreshold)]);
        if (DeadlineCheckIntervalSeconds < 1)
            yield return new($"{Section}:DeadlineCheckIntervalSeconds must be at least 1", [nameof(DeadlineCheckIntervalSeconds)]);
        foreach (var (brand, threshold) in SeverityThresholds.Where(t => t.Value < 0))
            yield return new($"{Section}:SeverityThresholds:{brand} must not be negative", [nameof(SeverityThresholds)]);
    }
}

/// <summary>What the cell needs to know about a brand before it opens an incident, resolved from the settings.</summary>
public sealed class BrandCrisisSettings
{
    private readonly CrisisCellSettings settings;
    private readonly Dictionary<string, Playbook> playbooks;

    public BrandCrisisSettings(IOptions<CrisisCellSettings> options)
    {
        settings = options.Value;
        // Parsed at start-up: a broken playbook file stops the host instead of failing the first crisis.
        playbooks = settings.PlaybookFiles.ToDictionary(
            p => p.Key,
            p => LoadPlaybook(p.Key, p.Value),
            StringComparer.Ordinal);
    }

    public TimeSpan DeadlineCheckInterval => TimeSpan.FromSeconds(settings.DeadlineCheckIntervalSeconds);

    public int SeverityThresholdFor(string brandId) =>
        settings.SeverityThresholds.TryGetValue(brandId, out var threshold) ? threshold : settings.DefaultSeverityThreshold;

    public Playbook PlaybookFor(string organisationId) =>
        playbooks.TryGetValue(organisationId, out var playbook) ? playbook : DefaultPlaybook.For(organisationId);

    private static Playbook LoadPlaybook(string organisationId, string path)
    {
        try
        {
            return PlaybookJson.Parse(File.ReadAllText(path)) with { OrganisationId = organisationId };
        }
        catch (PlaybookValidationException e)
        {
            throw new InvalidOperationException($"{CrisisCellSettings.Section}:PlaybookFiles:{organisationId} ({path}): {e.Message}", e);
        }
    }
}
