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

    /// <summary>
    /// An incident opened by hand: no episode to derive from, so a random id, always assigned by the server (a caller
    /// who could choose one could take the id of another organisation's future buzz incident). Its suffix is
    /// <c>-m</c> and 12 hex digits, where a buzz incident's is <c>-</c> and 12 hex digits: for the two to be equal, the
    /// buzz incident's brand would have to be the hand-opened one's plus "-", and then the character after that brand
    /// would be 'm' in one and '-' in the other. So no hand-opened id ever equals an episode's, whatever the brands.
    /// </summary>
    public static string ForManual(string brandId) => $"{brandId}-{ManualMark}{Guid.NewGuid().ToString("N")[..12]}";

    /// <summary>What sets a hand-opened incident's suffix apart from an episode's (all hex digits).</summary>
    public const char ManualMark = 'm';
}
