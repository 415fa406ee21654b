using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Crisis.Ingestion.Charting;

/// <summary>One bucket of a brand's mention curve, by publication time.</summary>
/// <param name="Scored">Mentions with a negativity verdict (the share is over these, not over all mentions).</param>
public sealed record SeriesPoint(DateTimeOffset Bucket, long Mentions, long Scored, long Negative)
{
    /// <summary>Negative share of the scored mentions; null when none was scored.</summary>
    public double? NegativeShare => Scored == 0 ? null : (double)Negative / Scored;
}

public sealed record BrandSeriesResult(string BrandId, DateTimeOffset From, DateTimeOffset To, int BucketMinutes, IReadOnlyList<SeriesPoint> Points);

/// <summary>
/// A brand's volume and negativity curve over a window, summed from its per-minute rows
/// (<see cref="MentionMinutesProjection"/>, kept in the transaction that records the mentions). Empty buckets are
/// filled with zeros, as a chart or a KPI must see silence too.
/// </summary>
/// <remarks>
/// The grain is the minute of publication: a window that ends inside a minute counts that minute whole. Reads end at
/// now or on a bucket, and a mention published after now is at most the intake's clock skew ahead, so this only shows
/// for a hand-written <c>to</c> in the middle of a minute.
/// </remarks>
public sealed class BrandSeries(IDocumentStore store, NpgsqlDataSource dataSource)
{
    /// <summary>Longest window one read may cover: 31 days (44,640 minute rows at most).</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    /// <summary>Buckets are whole minutes that divide a day, so they line up with the detector's minutes and hours.</summary>
    public static bool IsValidBucket(int minutes) => minutes is >= 1 and <= 1440 && 1440 % minutes == 0;

    public async Task<BrandSeriesResult> ReadAsync(string brandId, DateTimeOffset from, DateTimeOffset to, int bucketMinutes, CancellationToken cancellationToken)
    {
        if (!IsValidBucket(bucketMinutes)) throw new ArgumentOutOfRangeException(nameof(bucketMinutes), bucketMinutes, "must divide a day");
        if (to <= from || to - from > MaxWindow) throw new ArgumentOutOfRangeException(nameof(to), to, "must follow from, within 31 days");
        var bucket = TimeSpan.FromMinutes(bucketMinutes);
        var start = Floor(from.ToUniversalTime(), bucket);
        var end = to.ToUniversalTime();

        await using var command = dataSource.CreateCommand(
            $"""
            SELECT date_bin(@bucket, minute, @origin) AS b, sum(mentions)::bigint, sum(scored)::bigint, sum(negative)::bigint
            FROM {MentionMinutesProjection.TableOf(store)}
            WHERE brand_id = @brand AND minute >= @start AND minute < @end
            GROUP BY 1 ORDER BY 1
            """);
        command.Parameters.AddWithValue("bucket", NpgsqlDbType.Interval, bucket);
        command.Parameters.AddWithValue("origin", NpgsqlDbType.TimestampTz, DateTime.UnixEpoch);
        command.Parameters.AddWithValue("brand", NpgsqlDbType.Text, brandId);
        command.Parameters.AddWithValue("start", NpgsqlDbType.TimestampTz, start.UtcDateTime);
        command.Parameters.AddWithValue("end", NpgsqlDbType.TimestampTz, end.UtcDateTime);

        var filled = new Dictionary<DateTimeOffset, SeriesPoint>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var at = new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero);
                filled[at] = new SeriesPoint(at, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            }
        }
        var points = new List<SeriesPoint>();
        for (var at = start; at < end; at += bucket) points.Add(filled.GetValueOrDefault(at) ?? new SeriesPoint(at, 0, 0, 0));
        return new BrandSeriesResult(brandId, start, end, bucketMinutes, points);
    }

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan bucket) =>
        new(at.UtcTicks - at.UtcTicks % bucket.Ticks, TimeSpan.Zero);
}
