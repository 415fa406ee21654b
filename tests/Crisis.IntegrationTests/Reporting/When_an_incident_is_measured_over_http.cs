using System.Net;
using System.Text.Json;
using Crisis.Contracts.Buzz;
using Crisis.IntegrationTests.Incidents;
using Crisis.IntegrationTests.Running;
using MassTransit;
using static Crisis.IntegrationTests.Reporting.ReportingApi;

namespace Crisis.IntegrationTests.Reporting;

/// <summary>
/// A page on the real bus opens the incident; the brand's curve is posted over HTTP around it; the cell acknowledges
/// and records a response; the KPIs come back computed from the store. Times are scripted relative to the current
/// minute: onset an hour ago, detected 5 minutes later, 2 mentions a minute before the onset and 10 during the buzz.
/// </summary>
public class When_an_incident_is_measured_over_http : IntegrationSpec
{
    private IBusControl bus = null!;

    [OneTimeSetUp]
    public async Task ConnectAsync()
    {
        bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestServers.RabbitMq));
        await bus.StartAsync();
    }

    [OneTimeTearDown]
    public Task DisconnectAsync() => bus.StopAsync();

    private sealed record Scenario(string Brand, string IncidentId, DateTimeOffset Onset, DateTimeOffset Detected, DateTimeOffset ResponseAt);

    private async Task<Scenario> BuzzWithResponseAsync()
    {
        var brand = $"kpi{Guid.NewGuid().ToString("N")[..8]}";
        await RegisterBrandAsync(brand);
        var onset = ThisMinute().AddMinutes(-60);
        var detected = onset.AddMinutes(5);
        await PostCurveAsync(brand, onset.AddMinutes(-60), onset.AddMinutes(40), minute => minute < onset ? 2 : 10);
        await bus.Publish(new BuzzEscalated
        {
            EscalationId = $"{brand}/ep1/EpisodeStart/1", BrandId = brand, EpisodeId = $"{brand}/ep1", Kind = "EpisodeStart", Phase = "Crisis",
            Severity = 7, AnomalyScore = 8, OnsetAt = onset, BucketAt = detected.AddMinutes(-1), DetectedAt = detected,
            Evidence = new BuzzEvidenceSummary { Mentions = 10, ExpectedMentions = 2, NegativeShare = 0.8, TopNegativePosts = [], TopTerms = [], Languages = new Dictionary<string, long>() },
        });
        // Chosen by episode: the live detector may page on this curve too (another episode, another incident).
        bool Ours(JsonElement i) => i.GetProperty("episodeId").GetString() == $"{brand}/ep1";
        var incidentId = (await IncidentApi.EventuallyListAsync(brand, list => list.EnumerateArray().Any(Ours), "the page to open an incident"))
            .EnumerateArray().First(Ours).GetProperty("incidentId").GetString()!;
        using (var ack = await IncidentApi.PostAsync($"/api/incidents/{incidentId}/acknowledge")) Assert.That(ack.IsSuccessStatusCode, Is.True);
        var responseAt = onset.AddMinutes(20).AddSeconds(30);
        using (var recorded = await IncidentApi.PostAsync($"/api/incidents/{incidentId}/responses",
                   new { channel = "x", url = $"https://x.com/{brand}/status/1", text = "نعتذر، نحن نتابع الموضوع", language = "ar", publishedAt = responseAt }))
        {
            Assert.That(recorded.IsSuccessStatusCode, Is.True, await recorded.Content.ReadAsStringAsync());
        }
        return new Scenario(brand, incidentId, onset, detected, responseAt);
    }

    [Test]
    public async Task Its_kpis_come_from_its_events_and_the_brand_curve()
    {
        var s = await BuzzWithResponseAsync();
        var incident = (await IncidentApi.GetAsync($"/api/incidents/{s.IncidentId}"))!.Value;

        var kpis = await JsonAsync($"/api/incidents/{s.IncidentId}/kpis");

        var acknowledgedAt = incident.GetProperty("acknowledgedAt").GetDateTimeOffset();
        var response = kpis.GetProperty("responses")[0];
        Assert.Multiple(() =>
        {
            Assert.That(kpis.GetProperty("onsetAt").GetDateTimeOffset(), Is.EqualTo(s.Onset));
            Assert.That(kpis.GetProperty("timeToDetectMinutes").GetDouble(), Is.EqualTo(5));
            Assert.That(kpis.GetProperty("timeToOpenMinutes").GetDouble(),
                Is.EqualTo((incident.GetProperty("openedAt").GetDateTimeOffset() - s.Detected).TotalMinutes).Within(1e-6), "the page was published 55 minutes late");
            Assert.That(kpis.GetProperty("timeToAcknowledgeMinutes").GetDouble(), Is.EqualTo((acknowledgedAt - s.Detected).TotalMinutes).Within(1e-6));
            Assert.That(kpis.GetProperty("timeToFirstPublicResponseMinutes").GetDouble(), Is.EqualTo(15.5));
            Assert.That(kpis.GetProperty("baselineMentionsPerBucket").GetDouble(), Is.EqualTo(2), "2 a minute in the hour before the onset");
            Assert.That(kpis.GetProperty("peakMentions").GetProperty("value").GetDouble(), Is.EqualTo(10));
            Assert.That(kpis.GetProperty("peakVelocity").GetProperty("value").GetDouble(), Is.EqualTo(8));
            Assert.That(kpis.GetProperty("peakVelocity").GetProperty("bucket").GetDateTimeOffset(), Is.EqualTo(s.Onset));
            Assert.That(kpis.GetProperty("backToBaselineAt").GetDateTimeOffset(), Is.EqualTo(s.Onset.AddMinutes(40)), "silent from onset + 40 min");
            // Before: [onset-10, onset+20) = 10 x 2 + 20 x 10; after: [onset+21, onset+51) = 19 minutes of 10 (silent from onset+40).
            Assert.That(response.GetProperty("before").GetProperty("mentions").GetInt64(), Is.EqualTo(220));
            Assert.That(response.GetProperty("after").GetProperty("mentions").GetInt64(), Is.EqualTo(190));
            // The page reached the cell 55 minutes after detection: the playbook clock started at opening, so respond is still due.
            Assert.That(kpis.GetProperty("stages")[0].GetProperty("deadline").GetDateTimeOffset(),
                Is.EqualTo(incident.GetProperty("stages")[0].GetProperty("deadline").GetDateTimeOffset()));
            Assert.That(kpis.GetProperty("stages")[0].GetProperty("outcome").GetString(), Is.EqualTo("Pending"));
            Assert.That(kpis.GetProperty("stages")[0].GetProperty("marginMinutes").GetDouble(), Is.InRange(25, 30));
        });
    }

    [Test]
    public async Task The_share_around_a_response_matches_the_brand_curve()
    {
        var s = await BuzzWithResponseAsync();

        var response = (await JsonAsync($"/api/incidents/{s.IncidentId}/kpis?responseWindowMinutes=15")).GetProperty("responses")[0];
        var series = await JsonAsync($"/api/brands/{s.Brand}/series?from={Iso(s.Onset.AddMinutes(5))}&to={Iso(s.Onset.AddMinutes(36))}&bucketMinutes=1");

        var points = series.GetProperty("points").EnumerateArray().ToList();
        long Sum(string field, int fromMinute, int toMinute) => points
            .Where(p => p.GetProperty("bucket").GetDateTimeOffset() >= s.Onset.AddMinutes(fromMinute) && p.GetProperty("bucket").GetDateTimeOffset() < s.Onset.AddMinutes(toMinute))
            .Sum(p => p.GetProperty(field).GetInt64());
        var before = response.GetProperty("before");
        var after = response.GetProperty("after");
        Assert.Multiple(() =>
        {
            Assert.That((before.GetProperty("scored").GetInt64(), before.GetProperty("negative").GetInt64()), Is.EqualTo((Sum("scored", 5, 20), Sum("negative", 5, 20))));
            Assert.That((after.GetProperty("scored").GetInt64(), after.GetProperty("negative").GetInt64()), Is.EqualTo((Sum("scored", 21, 36), Sum("negative", 21, 36))));
            Assert.That(before.GetProperty("scored").GetInt64(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Csv_is_served_on_request_one_figure_a_row()
    {
        var s = await BuzzWithResponseAsync();

        using var byAccept = await GetAsync($"/api/incidents/{s.IncidentId}/kpis", accept: "text/csv");
        using var byQuery = await GetAsync($"/api/incidents/{s.IncidentId}/kpis?format=csv");

        var csv = await byAccept.Content.ReadAsStringAsync();
        var queried = await byQuery.Content.ReadAsStringAsync();
        var detectRow = $"time_to_detect,,5,minutes,{s.Detected.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}Z,\r\n";
        Assert.Multiple(() =>
        {
            Assert.That(byAccept.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(byQuery.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(csv, Does.StartWith("kpi,subject,value,unit,at,detail\r\n" + detectRow));
            Assert.That(queried, Does.StartWith("kpi,subject,value,unit,at,detail\r\n" + detectRow));
            Assert.That(csv, Does.Contain("stage_deadline,respond,"));
            Assert.That(csv, Does.Contain($"negative_share_before_response,https://x.com/{s.Brand}/status/1,"));
        });
    }

    [Test]
    public async Task The_post_mortem_page_shows_the_curve_the_marks_and_the_arabic_response_right_to_left()
    {
        var s = await BuzzWithResponseAsync();

        using var response = await GetAsync($"/api/incidents/{s.IncidentId}/report");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("<svg class=\"chart\""));
            Assert.That(html, Does.Contain("<g class=\"mark response\""));
            Assert.That(html, Does.Contain("<g class=\"mark detection\""));
            Assert.That(html, Does.Contain("<th>Time to detect</th><td>5 min</td>"));
            Assert.That(html, Does.Contain("<td dir=\"auto\" lang=\"ar\">نعتذر، نحن نتابع الموضوع<br>"));
            Assert.That(html, Does.Contain("Acknowledged</td><td dir=\"auto\">alice</td>"));
            Assert.That(html, Does.Not.Contain("<script"));
        });
    }

    [TestCase("format=xml", "format")]
    [TestCase("responseWindowMinutes=0", "responseWindowMinutes")]
    [TestCase("responseWindowMinutes=soon", "responseWindowMinutes")]
    public async Task A_bad_parameter_gets_a_400_problem_naming_it(string query, string field)
    {
        var id = await IncidentApi.OpenByHandAsync(await BrandAsync());

        await AssertProblemAsync($"/api/incidents/{id}/kpis?{query}", HttpStatusCode.BadRequest, field);
    }

    [TestCase("kpis")]
    [TestCase("report")]
    public Task An_unknown_incident_gets_a_404_problem(string what) =>
        AssertProblemAsync($"/api/incidents/no-such-incident/{what}", HttpStatusCode.NotFound, "id");

    private static async Task<string> BrandAsync()
    {
        var brand = $"kpi{Guid.NewGuid().ToString("N")[..8]}";
        await RegisterBrandAsync(brand);
        return brand;
    }
}
