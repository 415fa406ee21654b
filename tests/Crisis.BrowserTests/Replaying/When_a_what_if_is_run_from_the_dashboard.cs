using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crisis.BrowserTests.Running;
using Crisis.IntegrationTests.Running;
using static Microsoft.Playwright.Assertions;

namespace Crisis.BrowserTests.Replaying;

/// <summary>
/// A short synthetic buzz goes in through /api/mentions, live detection pages on it, then a what-if with a much
/// higher threshold is run from the page: the live page must show as vanished.
/// </summary>
public class When_a_what_if_is_run_from_the_dashboard : DashboardSpec
{
    [Test]
    public async Task The_page_shows_the_comparison_with_live()
    {
        var brand = Unique("whatif");
        await RegisterBrandAsync(brand);
        var now = DateTimeOffset.UtcNow;
        var end = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        // Five hours of talk (the detector alerts only after three hours of history), with a wave of negative
        // posts well before the end, so that the buckets after it are decided too.
        await IngestAsync(brand, end.AddHours(-5), end, waveStart: end.AddMinutes(-110), waveEnd: end.AddMinutes(-90));
        await Eventually.ReturnsAsync(() => TryGetAsync($"/api/brands/{brand}/buzz"),
            state => state is { } s && s.TryGetProperty("lastEscalation", out var page) && page.ValueKind == JsonValueKind.Object,
            TimeSpan.FromSeconds(90), "live detection to page on the wave");

        var from = end.AddHours(-6).ToString("O", CultureInfo.InvariantCulture);
        var to = end.ToString("O", CultureInfo.InvariantCulture);
        await Page.GotoAsync($"/dashboard/replay.html?brand={brand}&from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}");
        await Expect(Page.Locator("select[name=brandId]")).ToHaveValueAsync(brand);
        await Page.Locator("input[name=AlertThreshold]").FillAsync("500");
        await Page.Locator("input[name=CrisisThreshold]").FillAsync("900");
        // The sequential tests on negatives page this wave on their own: switched off too, so that no page is left.
        await Page.Locator("textarea[name=more]").FillAsync("{\"CascadeEvidence\": 1000000, \"SlowBurnEvidence\": 1000000}");
        await Page.Locator("#run-what-if").ClickAsync();

        var result = Page.Locator(".what-if-result");
        await Expect(result).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var livePages = int.Parse(await Page.Locator("[data-stat=live-pages] .value").InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.That(livePages, Is.GreaterThan(0), "live paged on the wave");
        await Expect(Page.Locator("[data-stat=what-if-pages] .value")).ToHaveTextAsync("0");
        await Expect(Page.Locator("[data-stat=vanished] .value")).ToHaveTextAsync(livePages.ToString(CultureInfo.InvariantCulture));
        await Expect(Page.Locator("[data-pages=vanished] tbody tr")).ToHaveCountAsync(livePages);
        await Expect(Page.Locator("table.episodes tbody tr").First).ToContainTextAsync("no longer paged");
    }

    private static async Task IngestAsync(string brand, DateTimeOffset start, DateTimeOffset end, DateTimeOffset waveStart, DateTimeOffset waveEnd)
    {
        var random = new Random(11);
        var lines = new List<string>();
        for (var minute = start; minute < end; minute = minute.AddMinutes(1))
        {
            var wave = minute >= waveStart && minute < waveEnd;
            var count = random.Next(1, 4) + (wave ? 40 : 0);
            for (var i = 0; i < count; i++)
            {
                var negative = random.NextDouble() < (wave ? 0.9 : 0.15);
                lines.Add(JsonSerializer.Serialize(new
                {
                    platform = "x",
                    postId = $"{brand}-{lines.Count}",
                    brandId = brand,
                    author = new { handle = $"@u{random.Next(5_000)}", followers = random.Next(10, 50_000) },
                    text = negative ? "Worst customer service ever, I want my money back" : "Anyone tried their new app?",
                    publishedAt = minute.AddSeconds(random.Next(60)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                }));
            }
        }
        using var content = new StringContent(string.Join('\n', lines), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await Host.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), content);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }
}
