using System.Net;
using Crisis.IntegrationTests.Incidents;
using Crisis.IntegrationTests.Running;
using static Crisis.IntegrationTests.Reporting.ReportingApi;

namespace Crisis.IntegrationTests.Reporting;

/// <summary>State as of T: folded from the events recorded up to T, whatever happened since.</summary>
public class When_a_past_state_is_asked_for : IntegrationSpec
{
    [Test]
    public async Task The_incident_is_unacknowledged_before_the_acknowledgement_and_acknowledged_after()
    {
        var brand = $"asof{Guid.NewGuid().ToString("N")[..8]}";
        await RegisterBrandAsync(brand);
        var beforeOpening = DateTimeOffset.UtcNow.AddMinutes(-1);
        var id = await IncidentApi.OpenByHandAsync(brand);
        var betweenOpeningAndAcknowledging = DateTimeOffset.UtcNow;
        using (var ack = await IncidentApi.PostAsync($"/api/incidents/{id}/acknowledge")) Assert.That(ack.IsSuccessStatusCode, Is.True);
        var afterAcknowledging = DateTimeOffset.UtcNow.AddSeconds(1);

        var before = await JsonAsync($"/api/incidents/{id}/as-of/{Iso(betweenOpeningAndAcknowledging)}");
        var after = await JsonAsync($"/api/incidents/{id}/as-of/{Iso(afterAcknowledging)}");

        Assert.Multiple(() =>
        {
            Assert.That(before.GetProperty("status").GetString(), Is.EqualTo("Opened"));
            Assert.That(before.GetProperty("acknowledgedBy").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(before.GetProperty("version").GetInt64(), Is.EqualTo(1));
            Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("Acknowledged"));
            Assert.That(after.GetProperty("acknowledgedBy").GetString(), Is.EqualTo("alice"));
            Assert.That(after.GetProperty("incidentId").GetString(), Is.EqualTo(id));
        });
        await AssertProblemAsync($"/api/incidents/{id}/as-of/{Iso(beforeOpening)}", HttpStatusCode.NotFound, "asOf");
    }

    [TestCase("yesterday")]
    [TestCase("2026-13-45T99:00:00Z")]
    [TestCase("2026-03-02")]
    public async Task A_bad_time_gets_a_400_problem_naming_it(string asOf)
    {
        var brand = $"asof{Guid.NewGuid().ToString("N")[..8]}";
        await RegisterBrandAsync(brand);
        var id = await IncidentApi.OpenByHandAsync(brand);

        await AssertProblemAsync($"/api/incidents/{id}/as-of/{Uri.EscapeDataString(asOf)}", HttpStatusCode.BadRequest, "asOf");
        await AssertProblemAsync($"/api/brands/{brand}/buzz/as-of/{Uri.EscapeDataString(asOf)}", HttpStatusCode.BadRequest, "asOf");
    }

    [Test]
    public Task An_unknown_incident_gets_a_404_problem() =>
        AssertProblemAsync($"/api/incidents/nobody/as-of/{Iso(DateTimeOffset.UtcNow)}", HttpStatusCode.NotFound, "id");
}
