using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Crisis.CrisisCell.Incidents.Opening;

public static class IncidentIds
{
    /// <summary>
    /// The id of the <paramref name="generation"/>-th incident of a brand's buzz episode (0 for the first; a buzz
    /// returning after a closure opens the next). Derived, not random: two deliveries of the same page compute the
    /// same stream, so they cannot open two incidents; the store's version check lets one win and the other retry.
    /// </summary>
    public static string ForEpisode(string brandId, string episodeId, int generation)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{brandId}\n{episodeId}\n{generation}")));
        return $"{brandId}-{Convert.ToHexStringLower(hash)[..12]}";
    }

    /// <summary>An incident opened by hand: no episode to derive from.</summary>
    public static string ForManual(string brandId) => $"{brandId}-{Guid.NewGuid().ToString("N")[..12]}";
}
