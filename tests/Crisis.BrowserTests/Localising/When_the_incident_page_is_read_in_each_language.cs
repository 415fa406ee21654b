using Crisis.BrowserTests.Running;
using Crisis.Contracts.Buzz;
using Crisis.IntegrationTests.Running;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crisis.BrowserTests.Localising;

/// <summary>
/// The incident page in the language the browser asks for (Arabic, French, English): the page's direction, its key
/// figures under translated labels, no raw text key, and people's own words in their own direction whatever the page's.
/// </summary>
[TestFixture("ar", "rtl", "زمن الاكتشاف", "المطلوب تاليًا", "الرد")]
[TestFixture("fr-FR", "ltr", "Délai de détection", "À faire ensuite", "Répondre")]
[TestFixture("en-GB", "ltr", "Time to detect", "Due next", "Respond")]
public class When_the_incident_page_is_read_in_each_language(string browserLocale, string direction, string detectLabel, string dueTitle, string firstStage)
    : DashboardSpec(browserLocale, width: 1400, height: 1000)
{
    [Test]
    public async Task It_is_laid_out_in_the_languages_direction_with_its_key_figures_and_no_raw_key()
    {
        var brand = Unique("lang");
        await RegisterBrandAsync(brand);
        await PublishPageAsync(brand,
            new EvidencePost("x", "post-ar", "@mourad", 48_000, "ar", "خدمة العملاء سيئة جدا"),
            new EvidencePost("x", "post-fr", "@julie", 12_000, "fr", "Service client honteux"));
        var incidents = await Eventually.ReturnsAsync(() => GetAsync($"/api/incidents?brandId={brand}"), list => list.GetArrayLength() == 1,
            because: "the page to open an incident");

        await Page.GotoAsync($"/dashboard/incident.html?id={incidents[0].GetProperty("incidentId").GetString()}");

        await Expect(Page.Locator("[data-figure=detect] h3")).ToHaveTextAsync(detectLabel);
        await Expect(Page.Locator("#due-title")).ToHaveTextAsync(dueTitle);
        // The default playbook's stage, in the reader's language (it was recorded in English).
        await Expect(Page.Locator("#playbook .stage.current h3 bdi")).ToHaveTextAsync(firstStage);
        await Expect(Page.Locator("#sentence")).ToContainTextAsync(brand.ToUpperInvariant());
        await Expect(Page.Locator("#figures .figure")).ToHaveCountAsync(5);
        Assert.Multiple(async () =>
        {
            Assert.That(await Page.GetAttributeAsync("html", "dir"), Is.EqualTo(direction));
            Assert.That(await Page.EvaluateAsync<string>("() => getComputedStyle(document.body).direction"), Is.EqualTo(direction));
            Assert.That(await Page.GetAttributeAsync("html", "lang"), Is.EqualTo(Locale[..2]));
            // A key with no text shows as ⟦key⟧ (and is logged, which fails the spec in DashboardSpec's tear-down).
            Assert.That(await Page.Locator("body").InnerTextAsync(), Does.Not.Contain("⟦"));
            Assert.That(await Page.Locator("#timeline .post[data-post='x:post-ar'] blockquote").EvaluateAsync<string>("e => getComputedStyle(e).direction"), Is.EqualTo("rtl"));
            Assert.That(await Page.Locator("#timeline .post[data-post='x:post-fr'] blockquote").EvaluateAsync<string>("e => getComputedStyle(e).direction"), Is.EqualTo("ltr"));
        });
    }
}

/// <summary>How the dashboard picks the language: the reader's choice, else the token's claim, else the browser's.</summary>
public class When_the_dashboard_chooses_a_language() : DashboardSpec("en-GB")
{
    [Test]
    public async Task The_tokens_locale_claim_wins_over_the_browsers()
    {
        await Page.Context.AddInitScriptAsync($"sessionStorage.setItem('crisis.token', '{TokenWith("fr")}')");
        await Page.GotoAsync("/dashboard/incidents.html");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Incidents");
        await Expect(Page.Locator("#filters label").First).ToContainTextAsync("Marque");
        Assert.That(await Page.GetAttributeAsync("html", "lang"), Is.EqualTo("fr"));
    }

    [Test]
    public async Task The_organisations_language_wins_over_the_browsers_when_the_reader_chose_none()
    {
        var token = TestTokens.Issue(organisation: BrowserSetup.ArabicOrganisation, name: "salim", roles: ["viewer"]);
        await Page.Context.AddInitScriptAsync($"sessionStorage.setItem('crisis.token', '{token}')");
        await Page.GotoAsync("/dashboard/incidents.html");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("الحوادث");
        Assert.That(await Page.GetAttributeAsync("html", "dir"), Is.EqualTo("rtl"));
    }

    [Test]
    public async Task The_readers_choice_wins_and_is_kept_and_an_unknown_one_is_ignored()
    {
        await Page.GotoAsync("/dashboard/incidents.html?lang=ar");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("الحوادث");
        await Page.Locator("#language-choice").SelectOptionAsync("fr");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Incidents");
        await Expect(Page.Locator("#filters label").First).ToContainTextAsync("Marque");

        await Page.GotoAsync("/dashboard/incidents.html?lang=<script>");
        await Expect(Page.Locator("#filters label").First).ToContainTextAsync("Marque");
    }

    [Test]
    public async Task Arabic_readers_choose_between_arabic_indic_and_latin_digits()
    {
        var brand = Unique("digits");
        await RegisterBrandAsync(brand);
        await PublishPageAsync(brand, new EvidencePost("x", "p", "@a", 10, "ar", "سيئ"));
        var incidents = await Eventually.ReturnsAsync(() => GetAsync($"/api/incidents?brandId={brand}"), list => list.GetArrayLength() == 1,
            because: "the page to open an incident");
        var page = $"/dashboard/incident.html?id={incidents[0].GetProperty("incidentId").GetString()}&lang=ar";

        await Page.GotoAsync(page);
        await Expect(Page.Locator("[data-figure=buzz] .value")).ToHaveTextAsync("٤٢٠ إشارة");
        await Page.Locator("#digits-choice").SelectOptionAsync("latn");
        await Expect(Page.Locator("[data-figure=buzz] .value")).ToHaveTextAsync("420 إشارة");
    }

    private static string TokenWith(string locale) => TestTokens.IssueRaw(new Dictionary<string, object>
    {
        ["sub"] = "farida",
        ["name"] = "farida",
        ["org"] = TestTokens.Organisation,
        ["role"] = new[] { "viewer" },
        ["locale"] = locale,
    });
}
