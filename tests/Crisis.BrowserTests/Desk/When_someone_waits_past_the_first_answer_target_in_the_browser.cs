using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crisis.BrowserTests.Running;
using Crisis.IntegrationTests.Running;
using static Microsoft.Playwright.Assertions;

namespace Crisis.BrowserTests.Desk;

/// <summary>
/// The desk page of an organisation with a one-minute first-answer target (<see cref="BrowserSetup.ServiceLevelOrganisation"/>):
/// a post published five minutes ago waits past it, the host's service-level round records the breach, and the queue shows
/// the conversation as past its target without a reload.
/// </summary>
public class When_someone_waits_past_the_first_answer_target_in_the_browser : DashboardSpec
{
    private const string Organisation = BrowserSetup.ServiceLevelOrganisation;

    [Test]
    public async Task The_queue_shows_the_breached_conversation_as_past_its_target()
    {
        var brand = Unique("desksla");
        using var admin = Host.ClientFor(Organisation);
        using (var registered = await admin.PostAsJsonAsync("/api/brands", new { id = brand, name = brand.ToUpperInvariant() }))
            Assert.That(registered.IsSuccessStatusCode, Is.True, await registered.Content.ReadAsStringAsync());
        await Page.Context.AddInitScriptAsync($"sessionStorage.setItem('crisis.token', '{TestTokens.Issue(Organisation, "rania", ["responder"])}')");
        await Page.GotoAsync($"/dashboard/desk.html?brand={brand}");
        await Expect(Page.Locator("#updated")).ToContainTextAsync("Updated");

        var post = SyntheticMentions.Mention(brand, $"{brand}-late", DateTimeOffset.UtcNow.AddMinutes(-5));
        post["text"] = "Why is nobody answering? Still no refund";
        post["author"] = new Dictionary<string, object?> { ["handle"] = Unique("late"), ["followers"] = 80 };
        using (var content = new StringContent(SyntheticMentions.Ndjson([post]), Encoding.UTF8, "application/x-ndjson"))
        using (var ingested = await admin.PostAsync(new Uri("/api/mentions", UriKind.Relative), content))
            Assert.That(ingested.IsSuccessStatusCode, Is.True, await ingested.Content.ReadAsStringAsync());

        // The intake, then the service-level round: the page's polls show the breach once it is recorded.
        var row = Page.Locator("#queue .queue-item[data-breached=true]");
        await Expect(row).ToContainTextAsync("Still no refund", new() { Timeout = 60_000 });
        await Expect(row.Locator(".badge.breach")).ToHaveTextAsync("first-answer target missed");
        var id = await row.GetAttributeAsync("data-conversation");
        using var events = await admin.GetAsync(new Uri($"/api/desk/conversations/{id}/events", UriKind.Relative));
        var types = JsonDocument.Parse(await events.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(e => e.GetProperty("type").GetString());
        Assert.That(types, Has.One.EqualTo("desk_first_answer_target_breached"), "the page shows what the server recorded");
    }
}
