using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crisis.ServiceDefaults.Localisation;

/// <summary>
/// How each organisation reads times and texts by default: its time zone and language (a person may override both).
/// Bound from <c>Display</c>: <c>DefaultTimeZone</c>, <c>DefaultLanguage</c>, <c>Organisations:{id}:{TimeZone,Language}</c>,
/// and <c>OrganisationsFile</c>, a JSON file of the same per-organisation entries: the form to use from environment
/// variables, which bash cannot name after a hyphenated organisation id (<c>Display__Organisations__acme-corp__TimeZone</c>).
/// Bound as <see cref="DisplayOptions"/> and checked at start: an unknown zone or language stops the host with the setting named.
/// </summary>
public sealed class DisplaySettings
{
    public const string Section = "Display";

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, OrganisationDisplay> organisations;

    /// <param name="defaultLanguageIsChosen">Whether Display:DefaultLanguage was set (rather than English by default).</param>
    public DisplaySettings(ViewerZone defaultZone, UiLanguage defaultLanguage, Dictionary<string, OrganisationDisplay> organisations, bool defaultLanguageIsChosen = false)
    {
        DefaultZone = defaultZone;
        DefaultLanguage = defaultLanguage;
        this.organisations = organisations;
        this.defaultLanguageIsChosen = defaultLanguageIsChosen;
    }

    private readonly bool defaultLanguageIsChosen;

    public ViewerZone DefaultZone { get; }

    public UiLanguage DefaultLanguage { get; }

    public OrganisationDisplay For(string? organisationId) =>
        organisationId is not null && organisations.TryGetValue(organisationId, out var display) ? display : new OrganisationDisplay(DefaultZone, DefaultLanguage, defaultLanguageIsChosen);

    /// <summary>
    /// Binds <c>Display</c> as <see cref="DisplayOptions"/>, checked when the host starts (an unknown zone or language stops it,
    /// naming the setting), and offers the resolved settings.
    /// </summary>
    public static IServiceCollection AddDisplaySettings(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DisplayOptions>().Bind(configuration.GetSection(Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DisplayOptions>, DisplayOptionsValidator>();
        services.AddSingleton(sp => From(sp.GetRequiredService<IOptions<DisplayOptions>>().Value));
        return services;
    }

    /// <summary>The settings the options describe; throws naming the first setting that names no zone or language.</summary>
    public static DisplaySettings From(DisplayOptions options)
    {
        var zone = Zone(options.DefaultTimeZone ?? "UTC", $"{Section}:DefaultTimeZone");
        var language = Language(options.DefaultLanguage ?? "en", $"{Section}:DefaultLanguage");
        var chosen = options.DefaultLanguage is not null;
        var organisations = new Dictionary<string, OrganisationDisplay>(StringComparer.Ordinal);
        if (options.OrganisationsFile is { Length: > 0 } file)
        {
            Dictionary<string, OrganisationDisplayOptions>? entries;
            try
            {
                entries = JsonSerializer.Deserialize<Dictionary<string, OrganisationDisplayOptions>>(File.ReadAllText(file), FileJson);
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"{Section}:OrganisationsFile ({file}): {e.Message}", e);
            }
            foreach (var (id, entry) in entries ?? [])
                organisations[id] = new OrganisationDisplay(
                    entry.TimeZone is null ? zone : Zone(entry.TimeZone, $"{Section}:OrganisationsFile ({file}): {id}.timeZone"),
                    entry.Language is null ? language : Language(entry.Language, $"{Section}:OrganisationsFile ({file}): {id}.language"),
                    entry.Language is not null || chosen);
        }
        // Settings named in configuration win over the file: the more specific form of the same setting.
        foreach (var (id, organisation) in options.Organisations)
        {
            var known = organisations.GetValueOrDefault(id) ?? new OrganisationDisplay(zone, language, chosen);
            organisations[id] = new OrganisationDisplay(
                organisation.TimeZone is { } z ? Zone(z, $"{Section}:Organisations:{id}:TimeZone") : known.TimeZone,
                organisation.Language is { } l ? Language(l, $"{Section}:Organisations:{id}:Language") : known.Language,
                organisation.Language is not null || known.LanguageIsChosen);
        }
        return new DisplaySettings(zone, language, organisations, chosen);
    }

    private static ViewerZone Zone(string id, string setting) =>
        ViewerZone.TryParse(id, out var zone) ? zone : throw new InvalidOperationException($"{setting} '{id}' {ViewerZone.Rule}");

    private static UiLanguage Language(string tag, string setting) =>
        UiLanguage.TryParse(tag, out var language) ? language : throw new InvalidOperationException($"{setting} '{tag}' {UiLanguage.Rule}");

}

/// <summary>The <c>Display</c> section as written; <see cref="DisplaySettings.From"/> resolves it.</summary>
public sealed class DisplayOptions
{
    public string? DefaultTimeZone { get; set; }

    /// <summary>Unset means English as a fallback, not a choice (see <see cref="OrganisationDisplay.LanguageIsChosen"/>).</summary>
    public string? DefaultLanguage { get; set; }

    public string? OrganisationsFile { get; set; }

    public Dictionary<string, OrganisationDisplayOptions> Organisations { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One organisation's zone and language, in configuration or in the organisations file.</summary>
public sealed class OrganisationDisplayOptions
{
    public string? TimeZone { get; set; }

    public string? Language { get; set; }
}

/// <summary>Checks the section by resolving it: every problem is the one <see cref="DisplaySettings.From"/> names.</summary>
internal sealed class DisplayOptionsValidator : IValidateOptions<DisplayOptions>
{
    public ValidateOptionsResult Validate(string? name, DisplayOptions options)
    {
        try
        {
            DisplaySettings.From(options);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}

/// <summary>An organisation's default time zone and language.</summary>
/// <param name="LanguageIsChosen">
/// Whether the organisation (or Display:DefaultLanguage) names its language: only then does it win over a reader's browser
/// language on the dashboard; English by default is a fallback, not a choice.
/// </param>
public sealed record OrganisationDisplay(ViewerZone TimeZone, UiLanguage Language, bool LanguageIsChosen = false);
