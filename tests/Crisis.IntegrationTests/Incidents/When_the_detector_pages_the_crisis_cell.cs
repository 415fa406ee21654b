using System.Text.Json;
using Crisis.Contracts.Buzz;
using Crisis.IntegrationTests.Running;
using MassTransit;

namespace Crisis.IntegrationTests.Incidents;

/// <summary>BuzzEscalated on the real RabbitMQ, consumed by the host, incidents read back over HTTP.</summary>
public class When_the_detector_pages_the_crisis_cell : IntegrationSpec
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

    /// <summary>A page as the detector publishes it; each test uses brands of its own so a late message of another test cannot count.</summary>
    private static BuzzEscalated Page(string brand, string episode, string escalation, int severity, DateTimeOffset detectedAt) => new()
    {
        EscalationId = escalation,
        BrandId = brand,
        EpisodeId = episode,
        Kind = "EpisodeStart",
        Phase = "Crisis",
        Severity = severity,
        AnomalyScore = 7.5,
        OnsetAt = detectedAt.AddHours(-1),
        BucketAt = detectedAt.AddMinutes(-5),
        DetectedAt = detectedAt,
        Evidence = new BuzzEvidenceSummary
        {
            Mentions = 420,
            ExpectedMentions = 12.5,
            NegativeShare = 0.83,
            TopNegativePosts = [new EvidencePost("x", "p1", "angry", 12000, "fr", "Service client honteux")],
            TopTerms = ["remboursement", "honteux"],
            Languages = new Dictionary<string, long> { ["fr"] = 300, ["ar"] = 120 },
        },
    };

    private static string UniqueBrand(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    [Test]
    public async Task A_page_delivered_twice_at_once_opens_exactly_one_incident()
    {
        var brand = UniqueBrand("twice");
        await RegisterBrandAsync(brand);
        var now = DateTimeOffset.UtcNow;
        var page = Page(brand, $"{brand}/ep1", $"{brand}/ep1/EpisodeStart/1", severity: 7, now.AddMinutes(-2));

        await Task.WhenAll(bus.Publish(page), bus.Publish(page));
        var opened = await IncidentApi.EventuallyListAsync(brand, list => list.GetArrayLength() >= 1, "the page to open an incident");
        Assert.Multiple(() =>
        {
            Assert.That(opened[0].GetProperty("status").GetString(), Is.EqualTo("Opened"));
            Assert.That(opened[0].GetProperty("severity").GetInt32(), Is.EqualTo(7));
            Assert.That(opened[0].GetProperty("currentStageId").GetString(), Is.EqualTo("respond"));
        });

        // A duplicate decides nothing, so nothing shows that it was consumed; a later page of the episode, once
        // visible, marks a point by which both deliveries have long been handled (they were on the queue before it).
        await bus.Publish(Page(brand, $"{brand}/ep1", $"{brand}/ep1/Escalation/2", severity: 8, now.AddMinutes(-1)));
        var incidents = await IncidentApi.EventuallyListAsync(brand, list => list.GetArrayLength() > 1 || list[0].GetProperty("severity").GetInt32() == 8,
            "the later page to be recorded");
        Assert.That(incidents.GetArrayLength(), Is.EqualTo(1), "two deliveries of one page open one incident");
        var types = await TimelineTypesAsync(incidents[0].GetProperty("incidentId").GetString()!);
        Assert.That(types, Is.EqualTo(new[] { "incident_opened", "buzz_escalation_recorded" }), "the repeated page is recorded once");
    }

    [Test]
    public async Task A_later_escalation_of_the_same_episode_updates_the_incident_instead_of_opening_another()
    {
        var brand = UniqueBrand("again");
        await RegisterBrandAsync(brand);
        var now = DateTimeOffset.UtcNow;

        await bus.Publish(Page(brand, $"{brand}/ep1", $"{brand}/ep1/EpisodeStart/1", severity: 6, now.AddMinutes(-10)));
        await IncidentApi.EventuallyListAsync(brand, list => list.GetArrayLength() == 1, "the first page to open an incident");
        await bus.Publish(Page(brand, $"{brand}/ep1", $"{brand}/ep1/Escalation/2", severity: 9, now.AddMinutes(-1)));
        await bus.Publish(Page(brand, $"{brand}/ep1", $"{brand}/ep1/EpisodeStart/1", severity: 6, now.AddMinutes(-10)));

        var incidents = await IncidentApi.EventuallyListAsync(brand, list => list.GetArrayLength() > 1 || list[0].GetProperty("severity").GetInt32() == 9,
            "the escalation to raise the incident's severity");
        Assert.That(incidents.GetArrayLength(), Is.EqualTo(1));
        var incidentId = incidents[0].GetProperty("incidentId").GetString()!;
        var types = await Eventually.ReturnsAsync(() => TimelineTypesAsync(incidentId), t => t.Count >= 2, because: "the escalation on the timeline");
        Assert.That(types, Is.EqualTo(new[] { "incident_opened", "buzz_escalation_recorded" }));
    }

    [Test]
    public async Task A_stage_past_its_deadline_escalates_the_incident()
    {
        var brand = UniqueBrand("late");
        await RegisterBrandAsync(brand);
        // Detected 50 minutes ago (on time under the specs' one-hour late-page horizon): the default playbook's first stage
        // (30 minutes) is already late, the second (2 hours) is not.
        await bus.Publish(Page(brand, $"{brand}/ep1", $"{brand}/ep1/EpisodeStart/1", severity: 8, DateTimeOffset.UtcNow.AddMinutes(-50)));

        var incidents = await IncidentApi.EventuallyListAsync(brand, list => list.GetArrayLength() == 1 && list[0].GetProperty("escalationLevel").GetInt32() >= 2,
            "the deadline timer to escalate the late stage");
        var incident = incidents[0];
        Assert.Multiple(() =>
        {
            Assert.That(incident.GetProperty("escalationLevel").GetInt32(), Is.EqualTo(2), "one late stage, one escalation");
            Assert.That(incident.GetProperty("missedStageIds").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "respond" }));
            Assert.That(incident.GetProperty("nextStageDeadline").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.UtcNow), "the next deadline is the second stage's");
        });
        var types = await TimelineTypesAsync(incident.GetProperty("incidentId").GetString()!);
        Assert.That(types, Is.EqualTo(new[] { "incident_opened", "incident_stage_deadline_missed", "incident_escalated" }));
    }

    [Test]
    public async Task A_page_for_another_episode_after_closure_opens_a_new_incident_linked_to_the_closed_one()
    {
        var brand = UniqueBrand("back");
        await RegisterBrandAsync(brand);
        var now = DateTimeOffset.UtcNow;
        await bus.Publish(Page(brand, $"{brand}/ep1", $"{brand}/ep1/EpisodeStart/1", severity: 7, now.AddMinutes(-20)));
        var first = (await IncidentApi.EventuallyListAsync(brand, list => list.GetArrayLength() == 1, "the first incident"))[0].GetProperty("incidentId").GetString()!;
        foreach (var (action, body) in new (string, object)[]
                 {
                     ("acknowledge", new { }), ("resolve", new { resolution = "apology accepted" }), ("close", new { postMortem = "answer faster" }),
                 })
        {
            using var response = await IncidentApi.PostAsync($"/api/incidents/{first}/{action}", body);
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }

        await bus.Publish(Page(brand, $"{brand}/ep2", $"{brand}/ep2/EpisodeStart/1", severity: 7, now.AddMinutes(-1)));

        var incidents = await IncidentApi.EventuallyListAsync(brand, list => list.GetArrayLength() == 2, "the returning buzz to open a second incident");
        var second = incidents.EnumerateArray().Single(i => i.GetProperty("incidentId").GetString() != first);
        Assert.Multiple(() =>
        {
            Assert.That(second.GetProperty("previousIncidentId").GetString(), Is.EqualTo(first));
            Assert.That(second.GetProperty("status").GetString(), Is.EqualTo("Opened"));
        });
    }

    [Test]
    public async Task An_escalation_consumed_before_its_episode_start_leaves_the_incident_detected_at_the_start()
    {
        var brand = UniqueBrand("order");
        await RegisterBrandAsync(brand);
        var now = DateTimeOffset.UtcNow;
        var start = Page(brand, $"{brand}/ep1", $"{brand}/ep1/EpisodeStart/1", severity: 6, now.AddMinutes(-10));
        var escalation = Page(brand, $"{brand}/ep1", $"{brand}/ep1/Escalation/2", severity: 9, now.AddMinutes(-1)) with { Kind = "Escalation" };

        await bus.Publish(escalation);
        var opened = (await IncidentApi.EventuallyListAsync(brand, list => list.GetArrayLength() == 1, "the escalation to open an incident"))[0];
        Assert.That(opened.GetProperty("detectedAt").GetDateTimeOffset(), Is.EqualTo(escalation.DetectedAt));
        await bus.Publish(start);

        var incidents = await IncidentApi.EventuallyListAsync(brand, list => list.GetArrayLength() > 1 || list[0].GetProperty("detectedAt").GetDateTimeOffset() < escalation.DetectedAt,
            "the episode start to move detection earlier");
        Assert.That(incidents.GetArrayLength(), Is.EqualTo(1), "one incident, whatever the order");
        var incident = incidents[0];
        Assert.Multiple(() =>
        {
            Assert.That(incident.GetProperty("detectedAt").GetDateTimeOffset(), Is.EqualTo(start.DetectedAt));
            Assert.That(incident.GetProperty("severity").GetInt32(), Is.EqualTo(9));
            Assert.That(incident.GetProperty("stages")[0].GetProperty("deadline").GetDateTimeOffset(), Is.EqualTo(start.DetectedAt.AddMinutes(30)));
        });
        var types = await TimelineTypesAsync(incident.GetProperty("incidentId").GetString()!);
        Assert.That(types, Is.EqualTo(new[] { "incident_opened", "buzz_escalation_recorded", "incident_detected_earlier" }));
    }

    [Test]
    public async Task An_episode_s_pages_consumed_at_once_open_one_incident_detected_at_the_first()
    {
        var brand = UniqueBrand("race");
        await RegisterBrandAsync(brand);
        var now = DateTimeOffset.UtcNow;
        var start = Page(brand, $"{brand}/ep1", $"{brand}/ep1/EpisodeStart/1", severity: 7, now.AddMinutes(-10));
        var escalation = Page(brand, $"{brand}/ep1", $"{brand}/ep1/Escalation/2", severity: 9, now.AddMinutes(-1)) with { Kind = "Escalation" };

        await Task.WhenAll(bus.Publish(escalation), bus.Publish(start));

        var incidents = await IncidentApi.EventuallyListAsync(brand,
            list => list.GetArrayLength() > 1 || (list.GetArrayLength() == 1 && list[0].GetProperty("escalationIds").GetArrayLength() == 2),
            "both pages to be recorded");
        Assert.That(incidents.GetArrayLength(), Is.EqualTo(1));
        Assert.That(incidents[0].GetProperty("detectedAt").GetDateTimeOffset(), Is.EqualTo(start.DetectedAt));
        // The page that lost the race to start the stream was decided again, not logged as Marten's failure (which names the stream).
        Assert.That(Host.Output, Does.Not.Contain($"incident/{incidents[0].GetProperty("incidentId").GetString()}"));
    }

    [Test]
    public async Task A_late_page_opens_its_incident_marked_late_with_deadlines_from_its_arrival()
    {
        var brand = UniqueBrand("backlog");
        await RegisterBrandAsync(brand);
        var detected = DateTimeOffset.UtcNow.AddHours(-3);
        await bus.Publish(Page(brand, $"{brand}/ep1", $"{brand}/ep1/EpisodeStart/1", severity: 8, detected));

        var incident = (await IncidentApi.EventuallyListAsync(brand, list => list.GetArrayLength() == 1, "the late page to open an incident"))[0];
        var openedAt = incident.GetProperty("openedAt").GetDateTimeOffset();
        Assert.Multiple(() =>
        {
            Assert.That(incident.GetProperty("late").GetBoolean(), Is.True);
            Assert.That(incident.GetProperty("quiet").GetBoolean(), Is.True, "late buzz pages nobody by default");
            Assert.That(incident.GetProperty("detectedAt").GetDateTimeOffset(), Is.EqualTo(detected));
            Assert.That(incident.GetProperty("nextStageDeadline").GetDateTimeOffset(), Is.EqualTo(openedAt.AddMinutes(30)));
            Assert.That(incident.GetProperty("missedStageIds").GetArrayLength(), Is.Zero);
        });
    }

    private static async Task<List<string>> TimelineTypesAsync(string incidentId)
    {
        var timeline = await IncidentApi.GetAsync($"/api/incidents/{incidentId}/timeline");
        return timeline is { } t ? [.. t.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("type").GetString()!)] : [];
    }
}
