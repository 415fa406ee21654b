using Crisis.BrowserTests.Running;
using Crisis.IntegrationTests.Running;
using static Microsoft.Playwright.Assertions;

namespace Crisis.BrowserTests.Localising;

/// <summary>
/// The replay and what-if page in the browser's language (Arabic, French, English): its direction, its form, a replay's
/// decisions and a what-if's comparison in the reader's words, and no raw text key anywhere.
/// </summary>
[TestFixture("ar", "rtl", "إعادة التشغيل والمحاكاة", "العلامة التجارية", "بدأت المتابعة", "تنبيهات المحاكاة")]
[TestFixture("fr-FR", "ltr", "Rejeu et simulation", "Marque", "suivi commencé", "Alertes simulées")]
[TestFixture("en-GB", "ltr", "Replay and what-if", "Brand", "monitoring started", "What-if pages")]
public class When_the_replay_page_is_read_in_each_language(string browserLocale, string direction, string title, string brandLabel, string monitoringStarted, string whatIfPages)
    : DashboardSpec(browserLocale)
{
    [Test]
    public async Task Its_form_a_replay_and_a_what_if_are_in_the_readers_language_and_direction()
    {
        var brand = Unique("replaylang");
        await RegisterBrandAsync(brand);
        // Half an hour of posts: the buckets before the last one close, so the replay has decisions to show.
        var now = DateTimeOffset.UtcNow;
        var posts = Enumerable.Range(1, 6).Select(i => SyntheticMentions.Mention(brand, $"{brand}-{i}", now.AddMinutes(-5 * i)));
        using var content = new StringContent(SyntheticMentions.Ndjson(posts), System.Text.Encoding.UTF8, "application/x-ndjson");
        using var response = await Host.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), content);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        await Eventually.ReturnsAsync(() => TryGetAsync($"/api/brands/{brand}/buzz"), state => state is not null,
            TimeSpan.FromSeconds(60), "live detection to follow the brand (its first buckets closed)");

        await Page.GotoAsync($"/dashboard/replay.html?brand={brand}");
        await Expect(Page.Locator("h1")).ToHaveTextAsync(title);
        await Expect(Page.Locator("select[name=brandId]")).ToHaveValueAsync(brand);
        await Expect(Page.Locator("#run label").First).ToContainTextAsync(brandLabel);

        await Page.Locator("#run-replay").ClickAsync();
        await Expect(Page.Locator(".replay-result table.decisions tbody tr").First).ToContainTextAsync(monitoringStarted, new() { Timeout = 60_000 });
        await AssertNoRawKeyInTheLanguagesDirectionAsync();

        await Page.Locator("input[name=AlertThreshold]").FillAsync("500");
        await Page.Locator("input[name=CrisisThreshold]").FillAsync("900");
        await Page.Locator("#run-what-if").ClickAsync();
        await Expect(Page.Locator("[data-stat=what-if-pages] .label")).ToHaveTextAsync(whatIfPages, new() { Timeout = 60_000 });
        await AssertNoRawKeyInTheLanguagesDirectionAsync();
    }

    private async Task AssertNoRawKeyInTheLanguagesDirectionAsync() => Assert.Multiple(async () =>
    {
        Assert.That(await Page.GetAttributeAsync("html", "dir"), Is.EqualTo(direction));
        Assert.That(await Page.EvaluateAsync<string>("() => getComputedStyle(document.body).direction"), Is.EqualTo(direction));
        Assert.That(await Page.GetAttributeAsync("html", "lang"), Is.EqualTo(Locale[..2]));
        // A key with no text shows as ⟦key⟧ (and is logged, which fails the spec in DashboardSpec's tear-down).
        Assert.That(await Page.Locator("body").InnerTextAsync(), Does.Not.Contain("⟦"));
        Assert.That(await Page.TitleAsync(), Does.StartWith(title));
    });
}
