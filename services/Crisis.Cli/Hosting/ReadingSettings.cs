using System.ComponentModel;
using Crisis.Reporting.WritingPostMortems;
using Crisis.ServiceDefaults.Localisation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Hosting;

/// <summary>
/// Options of a command whose output people read in their language and zone (<c>crisis incidents</c>, <c>crisis report</c>):
/// <c>--locale</c>, else the terminal's locale (LC_ALL, LC_MESSAGES, LANG), else English; <c>--time-zone</c>, else <c>TZ</c>,
/// else the machine's zone, else UTC. An option that names no supported language or known zone is refused, naming it; the
/// environment is a preference, and one the CLI cannot honour falls back.
/// </summary>
public class ReadingSettings : StoreSettings
{
    [CommandOption("--locale <TAG>")]
    [Description("Language to write in: en, fr or ar (ar-u-nu-latn: Arabic with Latin digits). Default: the terminal's LC_ALL, LC_MESSAGES or LANG, else English.")]
    public string? Locale { get; init; }

    [CommandOption("--time-zone <ZONE>")]
    [Description("IANA time zone to show times in, e.g. Africa/Algiers. Default: $TZ, else the machine's zone, else UTC.")]
    public string? TimeZone { get; init; }

    public override ValidationResult Validate()
    {
        if (Locale is not null && !UiLanguage.TryParse(Locale, out _)) return ValidationResult.Error($"--locale: '{Locale}' {UiLanguage.Rule}");
        if (TimeZone is not null && !ViewerZone.TryParse(TimeZone, out _)) return ValidationResult.Error($"--time-zone: '{TimeZone}' {ViewerZone.Rule}");
        return base.Validate();
    }

    public ReportReader Reader(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var language = UiLanguage.TryParse(Locale, out var chosen) ? chosen : UiLanguage.FromPosixEnvironment(environment) ?? UiLanguage.English;
        return new ReportReader(language, Zone(environment));
    }

    private ViewerZone Zone(Func<string, string?> environment)
    {
        if (ViewerZone.TryParse(TimeZone, out var chosen)) return chosen;
        // TZ may start with ':' (a file under the zoneinfo directory, by glibc's convention).
        if (ViewerZone.TryParse(environment("TZ")?.TrimStart(':'), out var fromTz)) return fromTz;
        return ViewerZone.TryParse(TimeZoneInfo.Local.Id, out var local) ? local : ViewerZone.Utc;
    }
}
