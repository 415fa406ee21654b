using Crisis.BrowserTests.Running;
using Crisis.Contracts.Buzz;
using Crisis.IntegrationTests.Running;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crisis.BrowserTests.Incidents;

/// <summary>The incident list and page in Chromium, against the host's real API, bus and store.</summary>
public class When_a_responder_works_an_incident_in_the_browser : DashboardSpec
{
    [Test]
    public async Task A_new_incident_appears_on_the_incidents_page_without_a_reload()
    {
        var brand = Unique("live");
        await RegisterBrandAsync(brand);
        await Page.GotoAsync("/dashboard/incidents.html");
        await Expect(Page.Locator("#updated")).ToContainTextAsync("Updated");
        // Survives only as long as the document does: still there afterwards means the row came without a reload.
        await Page.EvaluateAsync("() => { window.loadedOnce = true; }");

        var id = await OpenIncidentByHandAsync(brand, "Boycott call spreading on the forum");

        var row = Page.Locator($"tr[data-incident='{id}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Boycott call spreading on the forum");
        await Expect(row).ToContainTextAsync("Opened");
        Assert.That(await Page.EvaluateAsync<bool>("() => window.loadedOnce === true"), Is.True, "the page was not reloaded");
    }

    [Test]
    public async Task Acknowledging_from_its_page_acknowledges_the_incident()
    {
        var brand = Unique("ack");
        await RegisterBrandAsync(brand);
        var id = await OpenIncidentByHandAsync(brand, "Delivery failures trending");
        // Who acknowledges is whoever signed in: carol's token, as the sign-in box would have stored it.
        await Page.Context.AddInitScriptAsync($"sessionStorage.setItem('crisis.token', '{TestTokens.Issue(name: "carol", roles: ["responder"])}')");
        await Page.GotoAsync($"/dashboard/incident.html?id={id}");
        await Expect(Page.Locator("#actor")).ToContainTextAsync("Signed in as carol");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Expect(Page.Locator("#acknowledged-by")).ToContainTextAsync("carol");
        var incident = await GetAsync($"/api/incidents/{id}");
        Assert.Multiple(() =>
        {
            Assert.That(incident.GetProperty("status").GetString(), Is.EqualTo("Acknowledged"));
            Assert.That(incident.GetProperty("acknowledgedBy").GetString(), Is.EqualTo("carol"));
        });
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToBeDisabledAsync();
    }

    [Test]
    public async Task Its_post_mortem_report_opens_with_the_signed_in_token()
    {
        var brand = Unique("report");
        await RegisterBrandAsync(brand);
        var id = await OpenIncidentByHandAsync(brand, "Refund backlog");
        await Page.Context.AddInitScriptAsync($"sessionStorage.setItem('crisis.token', '{TestTokens.Issue(name: "dina", roles: ["viewer"])}')");
        await Page.GotoAsync($"/dashboard/incident.html?id={id}");

        // A plain link would carry no token and get a 401: the page fetches the report with it and shows it in a new tab.
        var report = await Page.RunAndWaitForPopupAsync(() => Page.Locator("#report-link").ClickAsync());

        await Expect(report.Locator("body")).ToContainTextAsync("Refund backlog");
        // A refusal would be the problem body of a 401; a bare "401" also appears by chance in the chart's SVG coordinates.
        Assert.That(await report.ContentAsync(), Does.Not.Contain("\"status\":401").And.Contain("<svg"));
    }

    [Test]
    public async Task The_timeline_shows_an_arabic_mention_right_to_left()
    {
        var brand = Unique("rtl");
        await RegisterBrandAsync(brand);
        await PublishPageAsync(brand,
            new EvidencePost("x", "post-ar", "@mourad", 48_000, "ar", "خدمة العملاء سيئة جدا، لا أحد يرد منذ ثلاثة أيام"),
            new EvidencePost("x", "post-fr", "@julie", 12_000, "fr", "Service client honteux, aucun remboursement"));
        var incidents = await Eventually.ReturnsAsync(() => GetAsync($"/api/incidents?brandId={brand}"), list => list.GetArrayLength() == 1,
            because: "the page to open an incident");
        var id = incidents[0].GetProperty("incidentId").GetString();

        await Page.GotoAsync($"/dashboard/incident.html?id={id}");

        var arabic = Page.Locator("#timeline .post[data-post='x:post-ar'] blockquote");
        var french = Page.Locator("#timeline .post[data-post='x:post-fr'] blockquote");
        await Expect(arabic).ToHaveTextAsync("خدمة العملاء سيئة جدا، لا أحد يرد منذ ثلاثة أيام");
        var arabicDirection = await arabic.EvaluateAsync<string>("e => getComputedStyle(e).direction");
        var frenchDirection = await french.EvaluateAsync<string>("e => getComputedStyle(e).direction");
        var pageDirection = await Page.EvaluateAsync<string>("() => getComputedStyle(document.body).direction");
        Assert.Multiple(() =>
        {
            Assert.That(arabicDirection, Is.EqualTo("rtl"));
            Assert.That(frenchDirection, Is.EqualTo("ltr"), "each post takes its own direction");
            Assert.That(pageDirection, Is.EqualTo("ltr"), "the English UI stays left-to-right");
        });
    }
}
