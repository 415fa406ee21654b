using System.Net;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Incidents;

public class When_the_cell_works_an_incident_over_http : IntegrationSpec
{
    private const string Brand = "acme";

    [SetUp]
    public Task RegisterAsync() => RegisterBrandAsync(Brand);

    [Test]
    public async Task Reading_an_incident_gives_its_version_as_the_etag()
    {
        var id = await IncidentApi.OpenByHandAsync(Brand);
        using var noted = await IncidentApi.PostAsync($"/api/incidents/{id}/notes", new { text = "Customer care warned" }, ifMatch: "\"1\"");
        Assert.That(noted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await noted.Content.ReadAsStringAsync());

        using var response = await Host.Http.GetAsync(new Uri($"/api/incidents/{id}", UriKind.Relative));
        var incident = await IncidentApi.ReadAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(incident.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(incident.GetProperty("brandId").GetString(), Is.EqualTo(Brand));
            Assert.That(incident.GetProperty("organisationId").GetString(), Is.EqualTo("test-org"));
        });
    }

    [Test]
    public async Task Acknowledging_with_a_stale_if_match_is_refused_with_a_conflict_problem()
    {
        var id = await IncidentApi.OpenByHandAsync(Brand);
        // Someone else writes first: the incident moves to version 2 while we still hold version 1.
        using var noted = await IncidentApi.PostAsync($"/api/incidents/{id}/notes", new { text = "Press called" });
        Assert.That(noted.IsSuccessStatusCode, Is.True, await noted.Content.ReadAsStringAsync());

        using var response = await IncidentApi.PostAsync($"/api/incidents/{id}/acknowledge", ifMatch: "\"1\"");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var incident = (await IncidentApi.GetAsync($"/api/incidents/{id}"))!.Value;
        Assert.That(incident.GetProperty("status").GetString(), Is.EqualTo("Opened"), "the refused acknowledgement changed nothing");

        using var retried = await IncidentApi.PostAsync($"/api/incidents/{id}/acknowledge", ifMatch: "\"2\"");
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.OK), await retried.Content.ReadAsStringAsync());
        Assert.That(retried.Headers.ETag?.Tag, Is.EqualTo("\"3\""));
    }

    [Test]
    public async Task An_if_match_that_is_not_a_version_is_a_bad_request()
    {
        var id = await IncidentApi.OpenByHandAsync(Brand);

        using var response = await IncidentApi.PostAsync($"/api/incidents/{id}/acknowledge", ifMatch: "\"yesterday\"");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await IncidentApi.ReadAsync(response)).GetProperty("detail").GetString(), Does.Contain("If-Match"));
    }

    [Test]
    public async Task Walking_the_playbook_before_acknowledging_is_refused_naming_the_issue()
    {
        var id = await IncidentApi.OpenByHandAsync(Brand);

        using var response = await IncidentApi.PostAsync($"/api/incidents/{id}/advance", new { toStageId = "be-transparent" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var problem = await IncidentApi.ReadAsync(response);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("acknowledge incident"));
    }

    [Test]
    public async Task Escalating_without_a_reason_is_refused_as_invalid_naming_the_field()
    {
        var id = await IncidentApi.OpenByHandAsync(Brand);

        using var response = await IncidentApi.PostAsync($"/api/incidents/{id}/escalate", new { toLevel = 2 });

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)422));
        Assert.That((await IncidentApi.ReadAsync(response)).GetProperty("detail").GetString(), Is.EqualTo("reason is required"));
    }

    [Test]
    public async Task A_command_on_an_incident_that_does_not_exist_is_not_found()
    {
        using var response = await IncidentApi.PostAsync("/api/incidents/acme-nothing/acknowledge");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await IncidentApi.ReadAsync(response)).GetProperty("field").GetString(), Is.EqualTo("id"));
    }

    [Test]
    public async Task Opening_for_an_unregistered_brand_is_refused_naming_the_field()
    {
        using var response = await IncidentApi.PostAsync("/api/incidents", new { brandId = "nobody", title = "Rumour", severity = 4 });

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)422));
        var problem = await IncidentApi.ReadAsync(response);
        Assert.That(problem.GetProperty("errors").GetProperty("brandId")[0].GetString(), Does.Contain("not registered"));
    }

    [Test]
    public async Task The_timeline_lists_every_event_in_order()
    {
        var id = await IncidentApi.OpenByHandAsync(Brand);
        foreach (var (action, body) in new (string, object)[]
                 {
                     ("acknowledge", new { }),
                     ("assign", new { role = "Spokesperson", assignee = "bob" }),
                     ("checklist", new { stageId = "respond", itemId = "read-evidence" }),
                     ("advance", new { toStageId = "be-transparent" }),
                     ("removals", new { channel = "forum", url = "https://forum.example/t/1", reason = "doxxing of an employee" }),
                     ("monitor", new { }),
                     ("resolve", new { resolution = "apology accepted" }),
                 })
        {
            using var response = await IncidentApi.PostAsync($"/api/incidents/{id}/{action}", body);
            Assert.That(response.IsSuccessStatusCode, Is.True, $"{action}: {await response.Content.ReadAsStringAsync()}");
        }

        var timeline = (await IncidentApi.GetAsync($"/api/incidents/{id}/timeline"))!.Value;
        var entries = timeline.GetProperty("entries").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.GetProperty("type").GetString()), Is.EqualTo(new[]
            {
                "incident_opened", "incident_acknowledged", "incident_role_assigned", "incident_checklist_item_ticked",
                "incident_stage_advanced", "incident_content_removal_recorded", "incident_monitoring_started", "incident_resolved",
            }));
            Assert.That(entries.Select(e => e.GetProperty("version").GetInt64()), Is.EqualTo(Enumerable.Range(1, 8).Select(v => (long)v)));
            Assert.That(entries[1].GetProperty("data").GetProperty("acknowledgedBy").GetString(), Is.EqualTo("alice"));
            Assert.That(entries[5].GetProperty("data").GetProperty("warning").GetString(), Does.Contain("Streisand"));
        });
    }
}
