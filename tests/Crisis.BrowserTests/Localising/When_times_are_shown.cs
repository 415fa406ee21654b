using System.Net;
using System.Text.RegularExpressions;
using Crisis.BrowserTests.Running;
using static Microsoft.Playwright.Assertions;

namespace Crisis.BrowserTests.Localising;

/// <summary>
/// Every time with its date and the reader's zone: their organisation's default (test-org reads Algiers' time, set
/// through the organisations file), unless they chose another; the zone is input and is checked where it enters.
/// </summary>
public partial class When_times_are_shown() : DashboardSpec("en-GB", width: 1400, height: 1000)
{
    [Test]
    public async Task The_organisations_default_zone_is_served_from_the_organisations_file()
    {
        var display = await GetAsync("/api/display");
        Assert.That(display.GetProperty("timeZone").GetString(), Is.EqualTo(BrowserSetup.OrganisationTimeZone));
    }

    [Test]
    public async Task They_carry_their_date_and_the_organisations_zone_unless_the_reader_chose_another()
    {
        var brand = Unique("zone");
        await RegisterBrandAsync(brand);
        var id = await OpenIncidentByHandAsync(brand, "Rumour");
        var opened = (await GetAsync($"/api/incidents/{id}")).GetProperty("openedAt").GetDateTimeOffset();

        await Page.GotoAsync($"/dashboard/incident.html?id={id}");
        // Algiers is UTC+1: the hour shown is the UTC hour plus one, with the date and the zone's name.
        var algiers = opened.ToOffset(TimeSpan.FromHours(1));
        var expected = new Regex($@"{algiers.Day} {algiers:MMM} {algiers.Year}, {algiers:HH:mm} (CET|GMT\+1|UTC\+1)");
        await Expect(Page.Locator("#sentence")).ToContainTextAsync(expected);

        await Page.Locator("#zone-choice").SelectOptionAsync("UTC");
        var utc = opened.ToUniversalTime();
        await Expect(Page.Locator("#sentence")).ToContainTextAsync(new Regex($@"{utc.Day} {utc:MMM} {utc.Year}, {utc:HH:mm} UTC"));
    }

    [Test]
    public async Task The_report_is_written_in_the_zone_asked_for_and_refuses_an_unknown_one_naming_the_field()
    {
        var (_, id) = await RumourAsync();

        using var paris = await Host.Http.GetAsync(new Uri($"/api/incidents/{id}/report?timeZone=Europe/Paris", UriKind.Relative));
        using var byDefault = await Host.Http.GetAsync(new Uri($"/api/incidents/{id}/report", UriKind.Relative));
        using var mars = await Host.Http.GetAsync(new Uri($"/api/incidents/{id}/report?timeZone=Mars/Olympus_Mons", UriKind.Relative));
        using var injected = await Host.Http.GetAsync(new Uri($"/api/incidents/{id}/report?timeZone=..%2F..%2Fetc%2Fpasswd", UriKind.Relative));
        Assert.Multiple(async () =>
        {
            Assert.That(await paris.Content.ReadAsStringAsync(), Does.Match(@"Europe/Paris \(UTC\+0[12]:00\)"));
            Assert.That(await byDefault.Content.ReadAsStringAsync(), Does.Contain("Africa/Algiers (UTC+01:00)"));
            foreach (var refused in new[] { mars, injected })
            {
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity).Or.EqualTo(HttpStatusCode.BadRequest));
                Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
                Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("\"timeZone\""));
            }
        });
    }

    [Test]
    public async Task The_report_is_written_in_the_language_asked_for_and_refuses_an_unknown_one_naming_the_field()
    {
        var (brand, id) = await RumourAsync();

        using var arabic = await Host.Http.GetAsync(new Uri($"/api/incidents/{id}/report?language=ar-DZ", UriKind.Relative));
        using var german = await Host.Http.GetAsync(new Uri($"/api/incidents/{id}/report?language=de", UriKind.Relative));
        Assert.Multiple(async () =>
        {
            Assert.That(await arabic.Content.ReadAsStringAsync(), Does.Contain("<html lang=\"ar\" dir=\"rtl\">"));
            Assert.That(await arabic.Content.ReadAsStringAsync(), Does.Contain(brand.ToUpperInvariant()), "the brand's registered name");
            Assert.That(german.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity).Or.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await german.Content.ReadAsStringAsync(), Does.Contain("\"language\""));
        });
    }

    /// <summary>An incident opened by hand on a brand of its own, for reading its report.</summary>
    private static async Task<(string Brand, string Id)> RumourAsync()
    {
        var brand = Unique("report");
        await RegisterBrandAsync(brand);
        return (brand, await OpenIncidentByHandAsync(brand, "Rumour"));
    }
}
