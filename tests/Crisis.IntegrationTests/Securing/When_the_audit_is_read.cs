using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Incidents;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Securing;

public class When_the_audit_is_read : IntegrationSpec
{
    private static async Task<JsonElement> AuditAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync(new Uri("/api/audit" + query, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<string> AcknowledgeAsAliceAsync(string correlationId)
    {
        var id = await IncidentApi.OpenByHandAsync("acme");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/incidents/{id}/acknowledge", UriKind.Relative)) { Content = JsonContent.Create(new { }) };
        request.Headers.Authorization = TestTokens.Bearer(name: "alice", roles: "responder");
        request.Headers.Add("X-Correlation-Id", correlationId);
        // Gone since authentication: a header cannot name someone else as the actor.
        request.Headers.Add("X-Actor", "mallory");
        using var response = await Host.Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.GetValues("X-Correlation-Id"), Is.EqualTo(new[] { correlationId }));
        return id;
    }

    [Test]
    public async Task It_lists_who_did_what_when_to_which_stream_in_which_request()
    {
        await RegisterBrandAsync("acme");
        var id = await AcknowledgeAsAliceAsync("corr-ack-42");

        var audit = await AuditAsync(Host.Http);

        var acknowledged = audit.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "incident_acknowledged");
        Assert.Multiple(() =>
        {
            Assert.That(acknowledged.GetProperty("actor").GetString(), Is.EqualTo("alice"));
            Assert.That(acknowledged.GetProperty("correlationId").GetString(), Is.EqualTo("corr-ack-42"));
            Assert.That(acknowledged.GetProperty("stream").GetString(), Does.EndWith(id));
            Assert.That(audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()), Does.Contain("brand_registered"));
            Assert.That(audit.ToString(), Does.Not.Contain("mallory"));
        });
    }

    [Test]
    public async Task The_event_itself_names_the_token_holder_not_the_header()
    {
        await RegisterBrandAsync("acme");
        var id = await AcknowledgeAsAliceAsync("corr-1");

        var timeline = (await IncidentApi.GetAsync($"/api/incidents/{id}/timeline"))!.Value;
        var entry = timeline.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "incident_acknowledged");
        Assert.That(entry.GetProperty("data").GetProperty("acknowledgedBy").GetString(), Is.EqualTo("alice"));
    }

    [Test]
    public async Task It_filters_by_actor_and_time_and_shows_nothing_of_other_organisations()
    {
        await RegisterBrandAsync("acme");
        await AcknowledgeAsAliceAsync("corr-2");
        using var other = Host.ClientFor("other-org", "olga");

        var alice = await AuditAsync(Host.Http, "?actor=alice");
        var future = await AuditAsync(Host.Http, $"?from={DateTimeOffset.UtcNow.AddHours(1):O}&to={DateTimeOffset.UtcNow.AddHours(2):O}".Replace("+", "%2B", StringComparison.Ordinal));
        var theirs = await AuditAsync(other);

        Assert.That(alice.EnumerateArray().Select(e => e.GetProperty("actor").GetString()).Distinct(), Is.EqualTo(new[] { "alice" }));
        Assert.That(future.GetArrayLength(), Is.Zero);
        Assert.That(theirs.GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Responders_may_not_read_it_and_a_bad_time_is_refused_naming_the_field()
    {
        using var responder = Host.ClientFor(TestTokens.Organisation, "rita", "responder");
        using var forbidden = await responder.GetAsync(new Uri("/api/audit", UriKind.Relative));
        using var bad = await Host.Http.GetAsync(new Uri("/api/audit?from=yesterday", UriKind.Relative));

        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("from", out _), Is.True);
    }
}
