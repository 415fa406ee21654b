using System.Net;
using System.Net.Http.Json;
using Crisis.IntegrationTests.Incidents;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Securing;

public class When_a_role_may_not : IntegrationSpec
{
    /// <summary>Writes that only read (a replay appends nothing): a viewer may run them.</summary>
    private static readonly string[] ReadOnlyPosts = ["/api/replays", "/api/what-ifs"];

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Test]
    public async Task A_viewer_changes_nothing_anywhere_in_the_api()
    {
        using var viewer = Host.ClientFor(TestTokens.Organisation, "victor", "viewer");
        var writes = (await ApiRoute.ReadAsync(Host)).Where(r => r.Method != HttpMethod.Get && !ReadOnlyPosts.Contains(r.Template)).ToList();
        Assert.That(writes, Is.Not.Empty);

        foreach (var route in writes)
        {
            using var request = route.Request(route.PathWith(new Dictionary<string, string>()));
            using var response = await viewer.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), route.ToString());
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), route.ToString());
        }
    }

    [Test]
    public async Task A_viewer_reads_incidents_and_buzz()
    {
        using var viewer = Host.ClientFor(TestTokens.Organisation, "victor", "viewer");
        Assert.That(await SendAsync(viewer, HttpMethod.Get, "/api/incidents"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await SendAsync(viewer, HttpMethod.Get, "/api/buzz"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await SendAsync(viewer, HttpMethod.Get, "/api/brands"), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_responder_works_the_incident_but_neither_steers_it_nor_configures_the_organisation()
    {
        await RegisterBrandAsync("acme");
        var id = await IncidentApi.OpenByHandAsync("acme");
        using var responder = Host.ClientFor(TestTokens.Organisation, "rita", "responder");

        Assert.That(await SendAsync(responder, HttpMethod.Post, $"/api/incidents/{id}/acknowledge", new { }), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await SendAsync(responder, HttpMethod.Post, $"/api/incidents/{id}/notes", new { text = "on it" }), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await SendAsync(responder, HttpMethod.Post, "/api/incidents", new { brandId = "acme", title = "t", severity = 5 }), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await SendAsync(responder, HttpMethod.Post, $"/api/incidents/{id}/resolve", new { summary = "done" }), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await SendAsync(responder, HttpMethod.Post, $"/api/incidents/{id}/assign", new { role = "Spokesperson", assignee = "bob" }), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await SendAsync(responder, HttpMethod.Post, "/api/brands", new { id = "newbrand", name = "New" }), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await SendAsync(responder, HttpMethod.Post, "/api/mentions", new[] { SyntheticMentions.Mention("acme", "r1", DateTimeOffset.UtcNow.AddMinutes(-5)) }),
            Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task An_incident_lead_opens_incidents_but_does_not_configure_the_organisation()
    {
        await RegisterBrandAsync("acme");
        using var lead = Host.ClientFor(TestTokens.Organisation, "lina", "incident-lead");

        Assert.That(await SendAsync(lead, HttpMethod.Post, "/api/incidents", new { brandId = "acme", title = "Forum thread", severity = 5 }), Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await SendAsync(lead, HttpMethod.Post, "/api/brands", new { id = "newbrand", name = "New" }), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await SendAsync(lead, HttpMethod.Post, "/api/brands/acme/campaigns",
            new { id = "c", name = "C", from = "2026-12-01T08:00:00Z", to = "2026-12-02T08:00:00Z" }), Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_token_without_an_organisation_or_a_known_role_reads_nothing()
    {
        using var noOrganisation = Host.Anonymous();
        noOrganisation.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.IssueRaw(new Dictionary<string, object> { ["name"] = "nobody", ["role"] = new[] { "admin" } }));
        using var unknownRole = Host.Anonymous();
        unknownRole.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.IssueRaw(
            new Dictionary<string, object> { ["name"] = "nobody", ["org"] = TestTokens.Organisation, ["role"] = new[] { "superuser" } }));

        Assert.That(await SendAsync(noOrganisation, HttpMethod.Get, "/api/incidents"), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await SendAsync(unknownRole, HttpMethod.Get, "/api/incidents"), Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
