using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Reporting;

/// <summary>What the reporting specs share: posting a brand's curve minute by minute, reading answers and problems.</summary>
public static class ReportingApi
{
    public static HttpClient Http => IntegrationSetup.Host.Http;

    /// <summary>The current minute, so the scripted curves line up with the detector's and the series' buckets.</summary>
    public static DateTimeOffset ThisMinute()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    /// <summary>Posts <paramref name="perMinute"/>(minute) mentions in each minute of [from, to), spread over the minute.</summary>
    public static async Task PostCurveAsync(string brand, DateTimeOffset from, DateTimeOffset to, Func<DateTimeOffset, int> perMinute)
    {
        var mentions = new List<Dictionary<string, object?>>();
        for (var minute = from; minute < to; minute = minute.AddMinutes(1))
        {
            var count = perMinute(minute);
            for (var i = 0; i < count; i++)
                mentions.Add(SyntheticMentions.Mention(brand, $"{brand}-{minute:HHmm}-{i}", minute.AddSeconds(i * 59 / Math.Max(1, count))));
        }
        foreach (var batch in mentions.Chunk(2000))
        {
            using var response = await Http.PostAsJsonAsync("/api/mentions", batch);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        }
    }

    public static async Task<HttpResponseMessage> GetAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await Http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(string path)
    {
        using var response = await GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a problem+json answer with this status, naming the field (in <c>errors</c> or <c>field</c>).</summary>
    public static async Task AssertProblemAsync(string path, HttpStatusCode status, string field)
    {
        using var response = await GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var problem = JsonDocument.Parse(body).RootElement;
        var named = (problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _))
            || (problem.TryGetProperty("field", out var f) && f.GetString() == field);
        Assert.That(named, Is.True, $"the problem names '{field}': {body}");
    }

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
