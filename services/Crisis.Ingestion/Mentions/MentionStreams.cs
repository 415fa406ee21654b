using System.Globalization;

namespace Crisis.Ingestion.Mentions;

/// <summary>
/// Mention streams are keyed by brand and UTC hour of publication (event time, not arrival time), so that
/// replaying a brand over a window reads only that brand's hours, and no stream grows without bound.
/// </summary>
public static class MentionStreams
{
    public const string Prefix = "mentions";

    public static DateTimeOffset HourOf(DateTimeOffset publishedAt)
    {
        var utc = publishedAt.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    public static string KeyFor(string brandId, DateTimeOffset hour) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}/{brandId}/{hour.UtcDateTime:yyyy-MM-ddTHH}");

    /// <summary>Every stream key of a brand between two instants (inclusive of the hours they fall in).</summary>
    public static IEnumerable<string> KeysBetween(string brandId, DateTimeOffset from, DateTimeOffset to)
    {
        for (var hour = HourOf(from); hour <= to; hour = hour.AddHours(1))
        {
            yield return KeyFor(brandId, hour);
        }
    }
}
