using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.RebuildingProjections;

/// <summary>
/// What the mention read models are checked against: the events themselves, unpacked in SQL as the curve and the
/// summary used to be read before they had projections of their own.
/// </summary>
internal static class MentionReadModels
{
    /// <summary>
    /// The last 40 minutes, on 10-minute bounds: recent, so that no mention is past the desk's first-answer target (an
    /// hour) while a spec runs. Overdue conversations keep the host's service-level poller in a transaction that the
    /// next spec's reset (a TRUNCATE of every table) waits on, while the poller's own reads wait behind the TRUNCATE.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) RecentWindow()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-40);
        var from = new DateTimeOffset(start.UtcTicks - start.UtcTicks % TimeSpan.FromMinutes(10).Ticks, TimeSpan.Zero);
        return (from, from.AddMinutes(40));
    }

    /// <summary>A brand's mentions over a window, at seeded random seconds (so some minutes are silent and some crowded).</summary>
    public static IReadOnlyList<Dictionary<string, object?>> Scatter(string brand, (DateTimeOffset From, DateTimeOffset To) window, int count, int seed)
    {
        var random = new Random(seed);
        var seconds = (int)(window.To - window.From).TotalSeconds;
        return [.. Enumerable.Range(0, count).Select(i => SyntheticMentions.Mention(brand, $"{brand}-{seed}-{i}", window.From.AddSeconds(random.Next(seconds))))];
    }

    public static async Task PostAsync(HttpClient client, IEnumerable<Dictionary<string, object?>> mentions)
    {
        using var response = await client.PostAsJsonAsync("/api/mentions", mentions.ToArray());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), $"{await response.Content.ReadAsStringAsync()}\n{IntegrationSetup.Host.Output[^Math.Min(6000, IntegrationSetup.Host.Output.Length)..]}");
    }

    /// <summary>The curve as the API serves it: (bucket, mentions, scored, negative) per point.</summary>
    public static async Task<IReadOnlyList<(DateTimeOffset, long, long, long)>> CurveAsync(HttpClient client, string brand, DateTimeOffset from, DateTimeOffset to, int bucketMinutes)
    {
        var series = await client.GetFromJsonAsync<JsonElement>(string.Create(CultureInfo.InvariantCulture,
            $"/api/brands/{brand}/series?from={from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&to={to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&bucketMinutes={bucketMinutes}"));
        return [.. series.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("bucket").GetDateTimeOffset(),
            p.GetProperty("mentions").GetInt64(), p.GetProperty("scored").GetInt64(), p.GetProperty("negative").GetInt64()))];
    }

    /// <summary>The same curve from the events: only the buckets that hold mentions.</summary>
    public static async Task<IReadOnlyList<(DateTimeOffset, long, long, long)>> CurveFromEventsAsync(
        NpgsqlDataSource database, string schema, string brand, DateTimeOffset from, DateTimeOffset to, int bucketMinutes)
    {
        await using var command = database.CreateCommand(
            $"""
            SELECT date_bin(make_interval(mins => $4), (m->>'publishedAt')::timestamptz, 'epoch'::timestamptz) AS b, count(*),
                   count(*) FILTER (WHERE m->>'isNegative' IS NOT NULL), count(*) FILTER (WHERE (m->>'isNegative')::boolean)
            FROM {schema}.mt_events e, jsonb_array_elements(e.data->'mentions') m
            WHERE e.type = 'mentions_recorded' AND e.data->>'brandId' = $1
              AND (m->>'publishedAt')::timestamptz >= $2 AND (m->>'publishedAt')::timestamptz < $3
            GROUP BY 1 ORDER BY 1
            """);
        command.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = brand });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>() { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>() { TypedValue = to });
        command.Parameters.Add(new NpgsqlParameter<int>() { TypedValue = bucketMinutes });
        var points = new List<(DateTimeOffset, long, long, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            points.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        return points;
    }

    /// <summary>Per brand, from the events: mentions, first and last publication, scored, negative, distinct authors, and "Language:count" sorted.</summary>
    public static async Task<Dictionary<string, string>> SummaryFromEventsAsync(NpgsqlDataSource database, string schema)
    {
        await using var command = database.CreateCommand(
            $"""
            WITH m AS (SELECT e.data->>'brandId' AS brand, x FROM {schema}.mt_events e, jsonb_array_elements(e.data->'mentions') x
                       WHERE e.type = 'mentions_recorded')
            SELECT m.brand, count(*), min((x->>'publishedAt')::timestamptz), max((x->>'publishedAt')::timestamptz),
                   count(*) FILTER (WHERE x->>'isNegative' IS NOT NULL), count(*) FILTER (WHERE (x->>'isNegative')::boolean),
                   count(DISTINCT x->'author'->>'handle'),
                   (SELECT string_agg(l.language || ':' || l.n, ' ') FROM (
                        SELECT coalesce(m2.x->>'language', 'Unknown') AS language, count(*) AS n FROM m m2 WHERE m2.brand = m.brand GROUP BY 1) l)
            FROM m GROUP BY m.brand
            """);
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            summaries[reader.GetString(0)] = Line(reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetInt64(4) == 0 ? null : reader.GetInt64(5) / (double)reader.GetInt64(4), reader.GetInt64(6), reader.GetString(7));
        }
        return summaries;
    }

    /// <summary>Per brand, as <c>crisis mentions summary --output json</c> prints it, in the same shape as <see cref="SummaryFromEventsAsync"/>.</summary>
    public static Dictionary<string, string> SummaryFromCli(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().ToDictionary(
            b => b.GetProperty("brand").GetString()!,
            b => Line(b.GetProperty("mentions").GetInt64(), b.GetProperty("firstPublished").GetDateTimeOffset(), b.GetProperty("lastPublished").GetDateTimeOffset(),
                b.GetProperty("negativeShare").ValueKind == JsonValueKind.Null ? null : b.GetProperty("negativeShare").GetDouble(), b.GetProperty("authors").GetInt64(),
                b.GetProperty("languages").GetString()!),
            StringComparer.Ordinal);

    private static string Line(long mentions, DateTimeOffset first, DateTimeOffset last, double? negativeShare, long authors, string languages) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{mentions} mentions {first.UtcDateTime:O}..{last.UtcDateTime:O} negative {negativeShare:0.0000} authors {authors} languages {string.Join(' ', languages.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal))}");
}
