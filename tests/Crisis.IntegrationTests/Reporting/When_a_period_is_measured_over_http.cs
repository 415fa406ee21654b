using System.Net;
using System.Text.Json;
using Crisis.IntegrationTests.Incidents;
using Crisis.IntegrationTests.Running;
using static Crisis.IntegrationTests.Reporting.ReportingApi;

namespace Crisis.IntegrationTests.Reporting;

public class When_a_period_is_measured_over_http : IntegrationSpec
{
    [Test]
    public async Task A_brand_s_incidents_of_the_period_are_counted_and_their_times_summarised()
    {
        var brand = $"period{Guid.NewGuid().ToString("N")[..8]}";
        var other = $"period{Guid.NewGuid().ToString("N")[..8]}";
        await RegisterBrandAsync(brand);
        await RegisterBrandAsync(other);
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        var acknowledged = await IncidentApi.OpenByHandAsync(brand, "Leaked memo");
        await IncidentApi.OpenByHandAsync(brand, "Fake account");
        await IncidentApi.OpenByHandAsync(other, "Elsewhere");
        using (var ack = await IncidentApi.PostAsync($"/api/incidents/{acknowledged}/acknowledge")) Assert.That(ack.IsSuccessStatusCode, Is.True);
        var to = DateTimeOffset.UtcNow.AddMinutes(1);

        var kpis = await JsonAsync($"/api/brands/{brand}/kpis?from={Iso(from)}&to={Iso(to)}");
        var all = await JsonAsync($"/api/kpis?from={Iso(from)}&to={Iso(to)}&organisationId=test-org");
        var earlier = await JsonAsync($"/api/brands/{brand}/kpis?from={Iso(from.AddDays(-2))}&to={Iso(from)}");

        var acknowledge = kpis.GetProperty("durations").EnumerateArray().Single(d => d.GetProperty("kpi").GetString() == "time_to_acknowledge");
        Assert.Multiple(() =>
        {
            Assert.That(kpis.GetProperty("incidents").GetInt32(), Is.EqualTo(2));
            Assert.That(kpis.GetProperty("scope").GetString(), Is.EqualTo("brand"));
            Assert.That(acknowledge.GetProperty("count").GetInt32(), Is.EqualTo(1), "only one was acknowledged");
            Assert.That(acknowledge.GetProperty("medianMinutes").GetDouble(), Is.GreaterThanOrEqualTo(0).And.LessThan(1));
            Assert.That(kpis.GetProperty("stageDeadlinesMetRatio").ValueKind, Is.EqualTo(JsonValueKind.Null), "no stage judged yet");
            Assert.That(all.GetProperty("incidents").GetInt32(), Is.EqualTo(3), "the organisation's three incidents");
            Assert.That(earlier.GetProperty("incidents").GetInt32(), Is.EqualTo(0));
        });

        using var csv = await GetAsync($"/api/brands/{brand}/kpis?from={Iso(from)}&to={Iso(to)}&format=csv");
        var text = await csv.Content.ReadAsStringAsync();
        Assert.That(text, Does.StartWith("kpi,statistic,value,unit,count\r\nincidents,count,2,incidents,2\r\n"));
    }

    [TestCase("from=last-week", "from")]
    [TestCase("to=2026-03-02T10:00:00Z&from=2026-03-03T10:00:00Z", "to")]
    [TestCase("from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [TestCase("format=pdf", "format")]
    public async Task A_bad_period_gets_a_400_problem_naming_the_field(string query, string field)
    {
        var brand = $"period{Guid.NewGuid().ToString("N")[..8]}";
        await RegisterBrandAsync(brand);

        await AssertProblemAsync($"/api/brands/{brand}/kpis?{query}", HttpStatusCode.BadRequest, field);
        await AssertProblemAsync($"/api/kpis?{query}", HttpStatusCode.BadRequest, field);
    }

    [Test]
    public Task An_unknown_brand_gets_a_404_problem() => AssertProblemAsync("/api/brands/nobody/kpis", HttpStatusCode.NotFound, "brandId");

    [Test]
    public async Task The_openapi_document_lists_the_reporting_endpoints()
    {
        using var document = JsonDocument.Parse(await Host.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/api/incidents/{id}/kpis", "/api/incidents/{id}/report", "/api/incidents/{id}/as-of/{asOf}",
            "/api/brands/{brandId}/kpis", "/api/kpis", "/api/brands/{brandId}/buzz/as-of/{asOf}",
        }));
    }
}
