using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;
using static Crisis.IntegrationTests.Running.SyntheticMentions;

namespace Crisis.IntegrationTests.Securing;

/// <summary>
/// Organisation "other-org" owns a brand and an incident; the default client (an admin of test-org) tries every
/// endpoint on them. Routes come from the OpenAPI document, so endpoints added later are tried too.
/// </summary>
public class When_another_organisation_asks : IntegrationSpec
{
    private const string OtherOrganisation = "other-org";
    private const string TheirBrand = "zzotherbrand";
    private const string OurBrand = "acme";

    private HttpClient theirs = null!;
    private string theirIncident = null!;

    [SetUp]
    public async Task TheyOwnABrandAndAnIncidentAsync()
    {
        theirs = Host.ClientFor(OtherOrganisation, "olga");
        using (var registered = await theirs.PostAsJsonAsync("/api/brands", new { id = TheirBrand, name = "Theirs", organisationId = OtherOrganisation }))
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        using (var opened = await theirs.PostAsJsonAsync("/api/incidents", new { brandId = TheirBrand, title = "Their trouble", severity = 6 }))
        {
            Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.Created), await opened.Content.ReadAsStringAsync());
            theirIncident = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("incidentId").GetString()!;
        }
        using (var mentions = await theirs.PostAsync(new Uri("/api/mentions", UriKind.Relative),
            new StringContent(Ndjson([Mention(TheirBrand, "theirs-1", DateTimeOffset.UtcNow.AddMinutes(-10))]))))
            Assert.That(mentions.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await mentions.Content.ReadAsStringAsync());
        await RegisterBrandAsync(OurBrand);
    }

    [TearDown]
    public void Dispose() => theirs.Dispose();

    /// <summary>What a route parameter names, from the segment before it: /brands/{x} is a brand, /incidents/{x} an incident.</summary>
    private static Dictionary<string, string> Fill(ApiRoute route, string brand, string incident)
    {
        var segments = route.Template.Split('/');
        var values = new Dictionary<string, string>();
        for (var i = 1; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{')) continue;
            var name = segments[i].Trim('{', '}');
            values[name] = segments[i - 1] switch { "brands" => brand, "incidents" => incident, _ => "none" };
        }
        return values;
    }

    private static bool NamesABrandOrIncident(ApiRoute route) =>
        route.Template.Contains("/brands/{", StringComparison.Ordinal) || route.Template.Contains("/incidents/{", StringComparison.Ordinal);

    [Test]
    public async Task Every_endpoint_answers_for_their_brand_or_incident_exactly_as_for_one_that_does_not_exist()
    {
        var routes = (await ApiRoute.ReadAsync(Host)).Where(NamesABrandOrIncident).ToList();
        Assert.That(routes, Has.Count.GreaterThan(10));
        var before = await TimelineLengthAsync();

        foreach (var route in routes)
        {
            using var theirsRequest = route.Request(route.PathWith(Fill(route, TheirBrand, theirIncident)));
            using var theirsResponse = await Host.Http.SendAsync(theirsRequest);
            using var missingRequest = route.Request(route.PathWith(Fill(route, "zznosuchbrand", "zz-no-such-incident")));
            using var missingResponse = await Host.Http.SendAsync(missingRequest);

            Assert.That((int)theirsResponse.StatusCode, Is.GreaterThanOrEqualTo(400), $"{route}: {await theirsResponse.Content.ReadAsStringAsync()}");
            Assert.That(theirsResponse.StatusCode, Is.EqualTo(missingResponse.StatusCode), route.ToString());
            var text = await theirsResponse.Content.ReadAsStringAsync();
            Assert.That(text, Does.Not.Contain(OtherOrganisation).And.Not.Contain("Their trouble"), route.ToString());
            if (route.Method == HttpMethod.Get) Assert.That(theirsResponse.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), route.ToString());
        }
        Assert.That(await TimelineLengthAsync(), Is.EqualTo(before), "their incident is unchanged");
    }

    [Test]
    public async Task Every_list_shows_only_the_callers_organisation()
    {
        var lists = (await ApiRoute.ReadAsync(Host)).Where(r => r.Method == HttpMethod.Get && r.Parameters.Count == 0).ToList();
        Assert.That(lists.Select(l => l.Template), Is.SupersetOf(new[] { "/api/brands", "/api/incidents", "/api/buzz" }));

        foreach (var route in lists)
        {
            using var response = await Host.Http.GetAsync(new Uri(route.Template, UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(text, Does.Not.Contain(TheirBrand).And.Not.Contain(theirIncident).And.Not.Contain(OtherOrganisation), route.ToString());
        }
        using var ours = await Host.Http.GetAsync(new Uri("/api/brands", UriKind.Relative));
        Assert.That(await ours.Content.ReadAsStringAsync(), Does.Contain(OurBrand), "the caller's own brand is listed");
    }

    [Test]
    public async Task Their_brand_in_a_batch_of_mentions_is_rejected_item_by_item_and_ours_is_stored()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var response = await Host.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative),
            new StringContent(Ndjson([Mention(OurBrand, "ours-1", at), Mention(TheirBrand, "sneaky-1", at)])));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((body.GetProperty("accepted").GetInt32(), body.GetProperty("rejected").GetInt32()), Is.EqualTo((1, 1)));
        var error = body.GetProperty("errors")[0];
        Assert.That((error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString()), Is.EqualTo((2, "brandId")));
        Assert.That(error.GetProperty("reason").GetString(), Does.Contain("not registered"), "the same answer as for a brand nobody registered");
    }

    [Test]
    public async Task Registering_a_brand_for_their_organisation_is_forbidden_and_their_brand_id_is_taken()
    {
        using var forOthers = await Host.Http.PostAsJsonAsync("/api/brands", new { id = "mine", name = "Mine", organisationId = OtherOrganisation });
        using var takeover = await Host.Http.PostAsJsonAsync("/api/brands", new { id = TheirBrand, name = "Theirs", organisationId = TestTokens.Organisation });

        Assert.That(forOthers.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(JsonDocument.Parse(await forOthers.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString(), Is.EqualTo("organisationId"));
        Assert.That(takeover.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await takeover.Content.ReadAsStringAsync(), Does.Not.Contain(OtherOrganisation));
    }

    [Test]
    public async Task Opening_an_incident_under_their_incident_id_is_refused()
    {
        var before = await TimelineLengthAsync();
        using var response = await Host.Http.PostAsJsonAsync("/api/incidents", new { id = theirIncident, brandId = OurBrand, title = "Mine", severity = 5 });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("id", out _), Is.True);
        Assert.That(await TimelineLengthAsync(), Is.EqualTo(before), "their incident is unchanged");
    }

    private async Task<int> TimelineLengthAsync()
    {
        var timeline = await theirs.GetFromJsonAsync<JsonElement>($"/api/incidents/{theirIncident}/timeline");
        return timeline.GetProperty("entries").GetArrayLength();
    }
}
