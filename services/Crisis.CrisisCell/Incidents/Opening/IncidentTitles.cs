namespace Crisis.CrisisCell.Incidents.Opening;

/// <summary>
/// The title an incident opened by the detector gets. Recorded in English in the event; the dashboard and the
/// notifications recognise it (<see cref="IsBuzz"/>) and say it in the reader's language, with the brand's name.
/// </summary>
public static class IncidentTitles
{
    public static string Buzz(string brand) => $"Bad buzz on {brand}";

    /// <summary>Whether a title is still the detector's default for this brand (by name, or by id before names were used).</summary>
    public static bool IsBuzz(string title, string brandId, string? brandName) =>
        title == Buzz(brandId) || (brandName is not null && title == Buzz(brandName));
}
