using System.Text.Json;
using Crisis.BrowserTests.Running;
using Crisis.IntegrationTests.Running;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crisis.BrowserTests.Desk;

/// <summary>
/// The response desk page in Chromium against the host's real intake, store and API, publishing and handing over to
/// the fake receivers of <see cref="BrowserSetup.DeskReceivers"/>: a responder claims, answers (in Arabic), hands over.
/// </summary>
public class When_the_desk_is_worked_in_the_browser : DashboardSpec
{
    [Test]
    public async Task A_new_conversation_shows_without_a_reload_and_claiming_it_holds_it_for_the_responder()
    {
        var brand = Unique("deskclaim");
        await RegisterBrandAsync(brand);
        await SignInAsync("carol");
        await Page.GotoAsync($"/dashboard/desk.html?brand={brand}");
        await Expect(Page.Locator("#updated")).ToContainTextAsync("Updated");
        await Page.EvaluateAsync("() => { window.loadedOnce = true; }");

        await IngestPostAsync(brand, "q1", "Why has my parcel still not arrived?", Unique("amina"));
        // The intake is the daemon's subscription: it may take longer than one wait of the page; then the page's next poll shows it.
        var id = await QueuedAsync(brand);
        var row = Page.Locator($"#queue .queue-item[data-conversation='{id}']");
        await Expect(row).ToContainTextAsync("Why has my parcel still not arrived?");
        await Expect(row).ToContainTextAsync("question");
        await row.Locator("button.link").ClickAsync();
        await Expect(Page.Locator("#thread .post blockquote")).ToHaveTextAsync("Why has my parcel still not arrived?");
        await Page.Locator("#claim").ClickAsync();

        await Expect(Page.Locator("#claim-state")).ToContainTextAsync("You hold it until");
        await Expect(row).ToContainTextAsync("held by carol");
        var conversation = await GetAsync($"/api/desk/conversations/{id}");
        Assert.Multiple(async () =>
        {
            Assert.That(conversation.GetProperty("conversation").GetProperty("claimedBy").GetString(), Is.EqualTo("carol"));
            Assert.That(await Page.EvaluateAsync<bool>("() => window.loadedOnce === true"), Is.True, "the page was not reloaded");
            Assert.That(await Page.Locator("#answer-form textarea").IsEnabledAsync(), Is.True, "the holder can write the answer");
        });
    }

    [Test]
    public async Task An_answer_in_arabic_is_written_on_a_right_to_left_page_and_published()
    {
        var id = await ClaimedAsync("لماذا لم يصل طلبي بعد؟ خدمة سيئة جدا", Unique("mourad"), "nadia", "ar", "أنت تتولاها");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("مكتب الردود");
        await Expect(Page.Locator("#answer-form select[name=language]")).ToHaveValueAsync("arabic");
        const string answer = "نعتذر عن التأخير، نتابع طلبك الآن وسنعود إليك اليوم";
        await Page.Locator("#answer-form textarea").FillAsync(answer);
        await Page.Locator("#answer-form button[type=submit]").ClickAsync();

        await Expect(Page.Locator("#history li[data-entry=answer]")).ToContainTextAsync("nadia");
        await Expect(Page.Locator("#history li[data-entry=answer] a")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^https://x\\.example/"));
        await Expect(Page.Locator("#conversation")).ToHaveAttributeAsync("data-status", "Answered");
        var published = BrowserSetup.DeskReceivers.Received.Where(r => r.Path == "/publish/test-org" && r.Body.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(await Page.GetAttributeAsync("html", "dir"), Is.EqualTo("rtl"));
            Assert.That(await Page.EvaluateAsync<string>("() => getComputedStyle(document.body).direction"), Is.EqualTo("rtl"));
            Assert.That(await Page.Locator("body").InnerTextAsync(), Does.Not.Contain("⟦"), "no untranslated key");
            Assert.That(await Page.Locator("#thread .post blockquote").EvaluateAsync<string>("e => getComputedStyle(e).direction"), Is.EqualTo("rtl"));
            Assert.That(published, Has.Count.EqualTo(1), "one answer reached the publisher");
            Assert.That(JsonDocument.Parse(published[0].Body).RootElement.GetProperty("answer").GetProperty("text").GetString(), Is.EqualTo(answer));
        });
    }

    [Test]
    public async Task Handing_over_sends_the_case_to_customer_service_and_shows_its_reference()
    {
        var handle = Unique("yacine");
        var id = await ClaimedAsync("Toujours aucun remboursement depuis un mois, c'est honteux", handle, "omar");

        await Page.Locator("#handover summary").ClickAsync();
        await Page.Locator("#handover-form textarea").FillAsync("A refund within 48 hours, by e-mail");
        await Page.Locator("#handover-form button[type=submit]").ClickAsync();

        await Expect(Page.Locator("#history li[data-entry=handover]")).ToContainTextAsync("case CS-");
        await Expect(Page.Locator("#history li[data-entry=handover]")).ToContainTextAsync("A refund within 48 hours");
        await Expect(Page.Locator("#conversation")).ToHaveAttributeAsync("data-status", "HandedOver");
        var cases = BrowserSetup.DeskReceivers.Received.Where(r => r.Path == "/cases/test-org" && r.Body.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.That(cases, Has.Count.EqualTo(1));
        var body = JsonDocument.Parse(cases[0].Body).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("author").GetString(), Is.EqualTo(handle), "customer service learns who to contact");
            Assert.That(body.GetProperty("promised").GetString(), Is.EqualTo("A refund within 48 hours, by e-mail"));
        });
    }

    [Test]
    public async Task Closing_without_an_answer_keeps_the_reason()
    {
        var id = await ClaimedAsync("How do I reach you? Asking for a friend", Unique("spam"), "carol");

        await Page.Locator("#no-answer summary").ClickAsync();
        await Page.Locator("#no-answer-form input[name=reason]").FillAsync("Automated account");
        await Page.Locator("#no-answer-form button[type=submit]").ClickAsync();

        await Expect(Page.Locator("#history li[data-entry=no-answer]")).ToContainTextAsync("Automated account");
        var conversation = await GetAsync($"/api/desk/conversations/{id}");
        Assert.That(conversation.GetProperty("conversation").GetProperty("status").GetString(), Is.EqualTo("NoAnswerNeeded"));
    }

    /// <summary>Who acts is whoever signed in: a responder's token, as the sign-in box would have stored it.</summary>
    private async Task SignInAsync(string name) =>
        await Page.Context.AddInitScriptAsync($"sessionStorage.setItem('crisis.token', '{TestTokens.Issue(name: name, roles: ["responder"])}')");

    /// <summary>The id of the brand's one conversation, once the intake has queued it.</summary>
    private static async Task<string> QueuedAsync(string brand)
    {
        var queue = await Eventually.ReturnsAsync(() => GetAsync($"/api/desk/queue?brandId={brand}"),
            q => q.GetProperty("conversations").GetArrayLength() == 1, timeout: TimeSpan.FromSeconds(45), because: "the intake to queue the post");
        return queue.GetProperty("conversations")[0].GetProperty("conversationId").GetString()!;
    }

    /// <summary>A brand of its own with one post in the queue, opened on the desk page and claimed there by <paramref name="responder"/>.</summary>
    private async Task<string> ClaimedAsync(string text, string handle, string responder, string language = "en", string held = "You hold it until")
    {
        var brand = Unique("desk");
        await RegisterBrandAsync(brand);
        await IngestPostAsync(brand, "p1", text, handle);
        var id = await QueuedAsync(brand);
        await SignInAsync(responder);
        await Page.GotoAsync($"/dashboard/desk.html?brand={brand}&c={id}&lang={language}");
        await Page.Locator("#claim").ClickAsync();
        await Expect(Page.Locator("#claim-state")).ToContainTextAsync(held);
        return id;
    }
}
