using System.Net.Http.Json;
using Crisis.BrowserTests.Running;
using Crisis.Contracts.Buzz;
using Crisis.IntegrationTests.Running;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crisis.BrowserTests.Screenshots;

/// <summary>
/// Not a spec: writes docs/screenshots/*.png (1400x1000) of every dashboard page, the incident page in English, French
/// and Arabic and the desk in English and Arabic, from a brand paged by the detector. Run by ops/screenshots.sh; explicit,
/// so CI never rewrites the docs.
/// Each shot waits for what it shows (the key figures, the cards), so a broken page fails instead of being pictured.
/// </summary>
[Explicit("writes docs/screenshots; run by ops/screenshots.sh")]
[Category("Screenshots")]
public class Writing_the_dashboard_screenshots() : DashboardSpec("en-GB", width: 1400, height: 1000)
{
    private static readonly string Folder = Environment.GetEnvironmentVariable("CRISIS_SCREENSHOTS_DIR") is { Length: > 0 } dir
        ? dir : Path.Combine(TestServers.RepositoryRoot, "docs", "screenshots");

    [Test]
    public async Task Every_page_is_pictured()
    {
        Directory.CreateDirectory(Folder);
        var brand = Unique("atlas");
        using (var response = await Host.Http.PostAsJsonAsync("/api/brands", new { id = brand, name = "Atlas Télécom", organisationId = TestTokens.Organisation }))
            Assert.That(response.IsSuccessStatusCode, Is.True);
        await PublishPageAsync(brand,
            new EvidencePost("x", "p-ar", "@mourad", 48_000, "ar", "خدمة العملاء سيئة جدا، لا أحد يرد منذ ثلاثة أيام"),
            new EvidencePost("x", "p-fr", "@julie", 12_000, "fr", "Service client honteux, aucun remboursement depuis un mois"),
            new EvidencePost("x", "p-en", "@sam", 3_000, "en", "Still no refund from @atlas, three weeks on"));
        var incidents = await Eventually.ReturnsAsync(() => GetAsync($"/api/incidents?brandId={brand}"), list => list.GetArrayLength() == 1,
            because: "the page to open an incident");
        var id = incidents[0].GetProperty("incidentId").GetString();

        foreach (var language in new[] { "en", "fr", "ar" })
        {
            await Page.GotoAsync($"/dashboard/incident.html?id={id}&lang={language}");
            await Expect(Page.Locator("[data-figure=detect] .value")).Not.ToHaveTextAsync("");
            await Expect(Page.Locator("#chart svg")).ToBeVisibleAsync();
            await Shoot($"incident-{language}.png");
        }
        await Page.GotoAsync("/dashboard/incidents.html?lang=en");
        await Expect(Page.Locator($"tr[data-incident='{id}']")).ToBeVisibleAsync();
        await Shoot("incidents-en.png");
        await Page.GotoAsync("/dashboard/?lang=en");
        await Expect(Page.Locator($"[data-brand='{brand}'] svg")).ToBeVisibleAsync();
        await Page.Locator($"[data-brand='{brand}']").ScrollIntoViewIfNeededAsync();
        await Shoot("brands-en.png");
        await Page.GotoAsync($"/dashboard/replay.html?brand={brand}&lang=en");
        await Expect(Page.Locator("select[name=brandId]")).ToHaveValueAsync(brand);
        await Shoot("replay-en.png");

        // The desk: the same three people writing to the brand, the Arabic one's thread open.
        await IngestPostAsync(brand, "d-ar", "لماذا لا أحد يرد؟ خدمة العملاء سيئة جدا منذ ثلاثة أيام", "mourad");
        await IngestPostAsync(brand, "d-fr", "Pourquoi aucun remboursement depuis un mois ?", "julie");
        await IngestPostAsync(brand, "d-en", "Still no refund, three weeks on. Why?", "sam");
        var queue = await Eventually.ReturnsAsync(() => GetAsync($"/api/desk/queue?brandId={brand}"),
            q => q.GetProperty("conversations").GetArrayLength() == 3, timeout: TimeSpan.FromSeconds(45), because: "the desk's intake");
        var arabic = queue.GetProperty("conversations").EnumerateArray().First(c => c.GetProperty("language").GetString() == "arabic");
        foreach (var language in new[] { "en", "ar" })
        {
            await Page.GotoAsync($"/dashboard/desk.html?brand={brand}&c={arabic.GetProperty("conversationId").GetString()}&lang={language}");
            await Expect(Page.Locator("#thread .post blockquote")).ToBeVisibleAsync();
            await Expect(Page.Locator("#queue .queue-item")).ToHaveCountAsync(3);
            await Shoot($"desk-{language}.png");
        }
    }

    private async Task Shoot(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name) });
}
