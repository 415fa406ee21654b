using System.Text.Json;
using System.Text.RegularExpressions;
using Crisis.BrowserTests.Running;
using Crisis.Contracts.Buzz;
using Crisis.IntegrationTests.Running;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crisis.BrowserTests.Incidents;

/// <summary>
/// The incident page read as a communications director reads it, on a 1400x1000 screen: what is happening, since when,
/// who has it and what is due next, without scrolling; figures with units and targets; the delivery machinery folded.
/// </summary>
public class When_people_read_an_incident_page() : DashboardSpec(width: 1400, height: 1000)
{
    [Test]
    public async Task What_since_when_who_and_what_is_due_show_without_scrolling()
    {
        var brand = await PagedIncidentAsync();
        var id = await IncidentOfAsync(brand);

        await Page.GotoAsync($"/dashboard/incident.html?id={id}");

        await Expect(Page.Locator("#summary h1")).ToHaveTextAsync($"Bad buzz on {brand.ToUpperInvariant()}");
        var sentence = Page.Locator("#sentence");
        // The brand's registered name (RegisterBrandAsync registers it upper-cased), not its id.
        await Expect(sentence).ToContainTextAsync($"{brand.ToUpperInvariant()}: a severity 7/10 crisis, not acknowledged yet");
        await Expect(sentence).ToContainTextAsync(new Regex("The buzz started 3[23] min ago"));
        await Expect(sentence).ToContainTextAsync("Nobody has acknowledged it and nobody has been paged yet.");
        await Expect(Page.Locator("#due-next")).ToContainTextAsync("First, acknowledge the incident");
        await Expect(Page.Locator("#due-next .countdown")).ToHaveTextAsync(new Regex("^(due in|overdue by) "));
        foreach (var part in new[] { "#sentence", "#figures", "#due-next" })
        {
            var box = await Page.Locator(part).BoundingBoxAsync();
            Assert.That(box, Is.Not.Null, part);
            Assert.That(box!.Y + box.Height, Is.LessThanOrEqualTo(1000), $"{part} ends below the fold");
        }
        Assert.That(await Page.TitleAsync(), Does.Contain(brand.ToUpperInvariant()));
    }

    [Test]
    public async Task Key_figures_are_labelled_cards_with_units_and_targets()
    {
        var brand = await PagedIncidentAsync();
        var id = await IncidentOfAsync(brand);

        await Page.GotoAsync($"/dashboard/incident.html?id={id}");

        var detect = Page.Locator("[data-figure=detect]");
        // Onset 30 min before detection: over the 10-minute target.
        await Expect(detect.Locator("h3")).ToHaveTextAsync("Time to detect");
        await Expect(detect.Locator(".value")).ToHaveTextAsync("30 min");
        await Expect(detect.Locator(".target")).ToContainTextAsync("target ≤ 10 min · over target");
        await Expect(Page.Locator("[data-figure=acknowledge] .value")).ToContainTextAsync(new Regex("not yet: [23] min since detection"));
        // The default playbook's first stage is due 30 minutes after detection.
        await Expect(Page.Locator("[data-figure=respond] .target")).ToContainTextAsync("stage deadline: 30 min after detection");
        await Expect(Page.Locator("[data-figure=buzz] .value")).ToHaveTextAsync("420 mentions");
        // The flattened JSON rows and the stream version are gone.
        var text = await Page.Locator("main").InnerTextAsync();
        Assert.That(text, Does.Not.Contain("stages[0]").And.Not.Contain("incidentId").And.Not.Contain("Version"));
    }

    [Test]
    public async Task Who_has_it_follows_the_acknowledgement_then_the_lead()
    {
        var brand = Unique("owner");
        await RegisterBrandAsync(brand);
        var id = await OpenIncidentByHandAsync(brand, "Recall rumour");
        await PostAsync($"/api/incidents/{id}/acknowledge", new { });
        await Page.GotoAsync($"/dashboard/incident.html?id={id}");
        await Expect(Page.Locator("#acknowledged-by")).ToContainTextAsync($"{TestTokens.DefaultName} has it: acknowledged");

        await PostAsync($"/api/incidents/{id}/assign", new { role = "IncidentLead", assignee = "Nadia" });

        await Expect(Page.Locator("#acknowledged-by")).ToHaveTextAsync("Nadia leads it.");
    }

    [Test]
    public async Task Deliveries_fold_into_one_line_per_notice_with_their_machinery_on_demand()
    {
        await Page.GotoAsync("/dashboard/incidents.html");
        var folded = await Page.EvaluateAsync<string>("""
            async () => {
              const { foldTimeline } = await import('./incident-story.js');
              const delivery = (planKey, recipient, endpoint, kind = 'Page', level = 1) =>
                ({ key: `${planKey}:${endpoint}`, planKey, kind, level, recipient, endpoint, attempt: 1 });
              const entries = [
                { type: 'incident_opened', data: { openedAt: '2026-12-07T10:00:00Z' } },
                { type: 'incident_notification_dispatching', data: { delivery: delivery('i:Page:L1:amina', 'amina', 'pager'), claimedBy: 'vm/1/abc', claimedAt: '2026-12-07T10:00:01Z' } },
                { type: 'incident_notification_dispatching', data: { delivery: delivery('i:Page:L1:amina', 'amina', 'email'), claimedBy: 'vm/2/def', claimedAt: '2026-12-07T10:00:01Z' } },
                { type: 'incident_notification_failed', data: { delivery: delivery('i:Page:L1:amina', 'amina', 'email'), reason: 'smtp down', failedAt: '2026-12-07T10:00:03Z' } },
                { type: 'incident_notification_sent', data: { delivery: delivery('i:Page:L1:amina', 'amina', 'pager'), sentAt: '2026-12-07T10:00:02Z' } },
                { type: 'incident_acknowledged', data: { acknowledgedBy: 'amina', acknowledgedAt: '2026-12-07T10:04:00Z' } },
                { type: 'incident_notification_suppressed', data: { delivery: delivery('i:Escalated:L2:claire', 'claire', 'teams', 'Escalated', 2), why: 'cap reached', suppressedAt: '2026-12-07T10:05:00Z' } },
              ];
              return JSON.stringify(foldTimeline(entries).map((item) => item.kind === 'event'
                ? { kind: 'event', type: item.entry.type }
                : { kind: 'notice', recipient: item.recipient, outcome: item.outcome, endpoints: item.endpoints.map((e) => `${e.endpoint}:${e.outcome}`), lines: item.lines.length }));
            }
            """);
        Assert.That(folded, Is.EqualTo(JsonSerializer.Serialize(new object[]
        {
            new { kind = "event", type = "incident_opened" },
            new { kind = "notice", recipient = "amina", outcome = "sent", endpoints = new[] { "pager:sent", "email:failed" }, lines = 4 },
            new { kind = "event", type = "incident_acknowledged" },
            new { kind = "notice", recipient = "claire", outcome = "suppressed", endpoints = new[] { "teams:suppressed" }, lines = 1 },
        })));
    }

    private static async Task<string> PagedIncidentAsync()
    {
        var brand = Unique("glance");
        await RegisterBrandAsync(brand);
        await PublishPageAsync(brand, new EvidencePost("x", "p1", "@mourad", 48_000, "ar", "خدمة العملاء سيئة جدا"));
        return brand;
    }

    private static async Task<string> IncidentOfAsync(string brand)
    {
        var incidents = await Eventually.ReturnsAsync(() => GetAsync($"/api/incidents?brandId={brand}"), list => list.GetArrayLength() == 1,
            because: "the page to open an incident");
        return incidents[0].GetProperty("incidentId").GetString()!;
    }
}
