using System.Text.RegularExpressions;

namespace Crisis.ServiceDefaults.Localisation;

/// <summary>
/// A time zone people read times in, by its IANA id ("Africa/Algiers", "Europe/Paris", "UTC"). Parsed at the boundary
/// (a query parameter, a setting): an id the system does not know is refused there, with the field named.
/// </summary>
public sealed partial record ViewerZone
{
    public static readonly ViewerZone Utc = new(TimeZoneInfo.Utc, "UTC");

    public const string Rule = "must be an IANA time zone id such as UTC, Africa/Algiers or Europe/Paris";

    private ViewerZone(TimeZoneInfo zone, string id)
    {
        Zone = zone;
        Id = id;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The IANA id, as given (browsers' Intl takes it as is).</summary>
    public string Id { get; }

    public static bool TryParse(string? id, out ViewerZone zone)
    {
        zone = Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || !IanaGrammar().IsMatch(id)) return false;
        if (id is "UTC" or "Etc/UTC") return true;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found)) return false;
        zone = new ViewerZone(found, id);
        return true;
    }

    /// <summary>An instant with its date, in this zone, and the zone's offset: "2026-12-07 14:05 (UTC+01:00)".</summary>
    public string Stamp(DateTimeOffset at, bool seconds = true)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        var time = local.ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return Id == "UTC" ? $"{time} UTC" : $"{time} {Id} (UTC{local.ToString("zzz", System.Globalization.CultureInfo.InvariantCulture)})";
    }

    public override string ToString() => Id;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$")]
    private static partial Regex IanaGrammar();
}
