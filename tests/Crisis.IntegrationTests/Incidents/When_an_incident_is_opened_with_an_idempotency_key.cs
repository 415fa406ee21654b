using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Incidents;

/// <summary>A client that retries the opening of an incident after a lost answer gets the same incident, not a second one.</summary>
public class When_an_incident_is_opened_with_an_idempotency_key : IntegrationSpec
{
    private const string Brand = "retryco";

    [SetUp]
    public Task RegisterAsync() => RegisterBrandAsync(Brand);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> OpenAsync(HttpClient client, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/incidents", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Test]
    public async Task A_retry_with_the_same_key_answers_the_first_incident_and_opens_no_other()
    {
        var body = new { brandId = Brand, title = "Outage in Casablanca", severity = 6 };
        var first = await OpenAsync(Host.Http, "open-7f3a", body);
        var retry = await OpenAsync(Host.Http, "open-7f3a", body);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(retry.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(retry.Body.GetProperty("incidentId").GetString(), Is.EqualTo(first.Body.GetProperty("incidentId").GetString()));
        Assert.That(retry.Body.GetProperty("recorded").GetArrayLength(), Is.Zero);
        Assert.That(await ScalarAsync($"SELECT count(*) FROM {{schema}}.mt_doc_incidentsummary WHERE data->>'brandId' = '{Brand}'"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_key_for_another_request_is_refused_naming_the_header()
    {
        await OpenAsync(Host.Http, "open-8b21", new { brandId = Brand, title = "First", severity = 6 });
        var other = await OpenAsync(Host.Http, "open-8b21", new { brandId = Brand, title = "Second", severity = 3 });

        Assert.That(other.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(other.Body.GetProperty("field").GetString(), Is.EqualTo("Idempotency-Key"));
    }

    [Test]
    public async Task Another_organisations_same_key_opens_its_own_incident_and_learns_nothing_of_ours()
    {
        await OpenAsync(Host.Http, "shared-key", new { brandId = Brand, title = "Ours", severity = 6 });
        using var attacker = Host.ClientFor("attacker-org", "mallory");
        using (var registered = await attacker.PostAsJsonAsync("/api/brands", new { id = "theirs", name = "Theirs" }))
            Assert.That(registered.IsSuccessStatusCode, Is.True);

        var theirs = await OpenAsync(attacker, "shared-key", new { brandId = "theirs", title = "Theirs", severity = 2 });

        Assert.That(theirs.Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(theirs.Body.GetProperty("incidentId").GetString(), Does.StartWith("theirs-"));
    }

    [Test]
    public async Task A_key_that_is_not_an_identifier_is_refused()
    {
        var (status, body) = await OpenAsync(Host.Http, "a b/c", new { brandId = Brand, title = "x", severity = 6 });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("field").GetString(), Is.EqualTo("Idempotency-Key"));
    }
}
