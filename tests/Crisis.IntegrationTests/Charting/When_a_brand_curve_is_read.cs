using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Charting;

public class When_a_brand_curve_is_read : IntegrationSpec
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 58, 0, TimeSpan.Zero);

    private static async Task PostAsync(IEnumerable<Dictionary<string, object?>> mentions)
    {
        using var response = await Host.Http.PostAsJsonAsync("/api/mentions", mentions.ToArray());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Each_bucket_counts_its_mentions_across_hour_streams_and_silent_buckets_are_zero()
    {
        await RegisterBrandAsync("acme");
        await RegisterBrandAsync("other");
        // 3 mentions at 09:58, none at 09:59-10:00, 2 at 10:01 (another hour stream), 1 link-only (unscorable) at 10:01,
        // and one of another brand that must not count.
        var mentions = new List<Dictionary<string, object?>>
        {
            SyntheticMentions.Mention("acme", "a1", Start.AddSeconds(5)),
            SyntheticMentions.Mention("acme", "a2", Start.AddSeconds(30)),
            SyntheticMentions.Mention("acme", "a3", Start.AddSeconds(59)),
            SyntheticMentions.Mention("acme", "b1", Start.AddMinutes(3)),
            SyntheticMentions.Mention("acme", "b2", Start.AddMinutes(3).AddSeconds(10)),
            SyntheticMentions.Mention("other", "o1", Start.AddMinutes(3)),
        };
        // Not emoji: since issue 17 an emoji-only post is scored; a bare link carries no signal at all.
        var linkOnly = SyntheticMentions.Mention("acme", "b3", Start.AddMinutes(3).AddSeconds(20));
        linkOnly["text"] = "https://example.com/acme";
        mentions.Add(linkOnly);
        await PostAsync(mentions);

        var series = await Host.Http.GetFromJsonAsync<JsonElement>("/api/brands/acme/series?from=2026-03-02T09:58:00Z&to=2026-03-02T10:02:00Z&bucketMinutes=1");

        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.That(points.Select(p => p.GetProperty("bucket").GetDateTimeOffset()), Is.EqualTo(Enumerable.Range(0, 4).Select(i => Start.AddMinutes(i))));
        Assert.That(points.Select(p => p.GetProperty("mentions").GetInt64()), Is.EqualTo(new long[] { 3, 0, 0, 3 }));
        Assert.That(points[3].GetProperty("scored").GetInt64(), Is.EqualTo(2), "the link-only mention is unscorable");
        Assert.That(points[1].GetProperty("negativeShare").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(points.All(p => p.GetProperty("negative").GetInt64() <= p.GetProperty("scored").GetInt64()), Is.True);

        var fiveMinutes = await Host.Http.GetFromJsonAsync<JsonElement>("/api/brands/acme/series?from=2026-03-02T09:55:00Z&to=2026-03-02T10:05:00Z&bucketMinutes=5");
        Assert.That(fiveMinutes.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("mentions").GetInt64()), Is.EqualTo(new long[] { 3, 3 }));
    }

    [TestCase("bucketMinutes=7", "bucketMinutes")]
    [TestCase("from=yesterday", "from")]
    [TestCase("from=2026-03-02T10:00:00Z&to=2026-03-02T09:00:00Z", "to")]
    [TestCase("from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucketMinutes=60", "to")]
    public async Task A_bad_query_gets_a_400_problem_naming_the_field(string query, string field)
    {
        await RegisterBrandAsync("acme");

        using var response = await Host.Http.GetAsync(new Uri($"/api/brands/acme/series?{query}", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task An_unknown_brand_gets_a_404_problem()
    {
        using var response = await Host.Http.GetAsync(new Uri("/api/brands/nobody/series", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
