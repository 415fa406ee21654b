using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Notifying;

/// <summary>
/// The detector pages several times about one incident at once (a buzz climbing fast): responders are told once,
/// what the per-incident frequency cap holds back is recorded as suppressed, and nothing is sent twice.
/// </summary>
public class When_escalations_arrive_together : NotificationSpec
{
    [Test]
    public async Task Each_responder_is_paged_once_and_the_cap_holds_with_the_rest_recorded_as_suppressed()
    {
        // Three people on call at level 1, at most two notifications per incident and hour.
        var brand = await RegisterBrandOfAsync(NotificationReceivers.CappedOrganisation, "capped");
        await Task.WhenAll(Enumerable.Range(1, 4).Select(n => Bus.Publish(Page(brand, n))));
        var incidentId = await IncidentOfAsync(brand);

        var timeline = await EventuallyTimelineAsync(incidentId,
            t => t.Count(e => e.Type == "buzz_escalation_recorded") == 3
                 && t.Count(e => e.Type == "incident_notification_sent") == NotificationReceivers.Cap
                 && t.Any(e => e.Type == "incident_notification_suppressed"),
            "the four pages recorded, two sends and a suppression");
        await StaysTrueAsync(() => CallsFor("/capped/amina", incidentId).Count() + CallsFor("/capped/karim", incidentId).Count()
                + CallsFor("/capped/lina", incidentId).Count() == NotificationReceivers.Cap,
            "no more calls than the cap, whatever the planning rounds");

        var suppressed = timeline.Single(e => e.Type == "incident_notification_suppressed");
        Assert.Multiple(() =>
        {
            Assert.That(CallsFor("/capped/amina", incidentId).Count(), Is.EqualTo(1), "amina paged once for four pages");
            Assert.That(CallsFor("/capped/karim", incidentId).Count(), Is.EqualTo(1), "karim paged once for four pages");
            Assert.That(CallsFor("/capped/lina", incidentId), Is.Empty, "the third is over the cap");
            Assert.That(suppressed.Data.GetProperty("delivery").GetProperty("recipient").GetString(), Is.EqualTo("lina"));
            Assert.That(suppressed.Data.GetProperty("why").GetString(), Does.StartWith($"frequency cap: at most {NotificationReceivers.Cap} notifications"));
            Assert.That(Endpoint(suppressed), Is.EqualTo("noise-control"));
        });
        var after = await TimelineAsync(incidentId);
        Assert.That(after.Count(e => e.Type == "incident_notification_suppressed"), Is.EqualTo(1), "the suppression recorded once, not every round");
    }

    [Test]
    public async Task Escalations_after_the_acknowledgement_make_one_grouped_notification()
    {
        var incidentId = await OpenIncidentAsync(NotificationReceivers.Organisation, "grouped");
        var brand = (await Incidents.IncidentApi.GetAsync($"/api/incidents/{incidentId}", OrganisationOf[incidentId]))!.Value.GetProperty("brandId").GetString()!;
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/incidents/{incidentId}/acknowledge", UriKind.Relative)))
        {
            request.Headers.Authorization = TestTokens.Bearer(OrganisationOf[incidentId], "amina");
            using var response = await Host.Http.SendAsync(request);
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }

        await Task.WhenAll(Enumerable.Range(2, 3).Select(n => Bus.Publish(Page(brand, n, severity: 9))));
        // The three escalations are consumed one by one and the planner is woken by each commit (issue 16), so the notice
        // may go out after the first or the second; wait for all three to be recorded before counting the notices.
        await EventuallyTimelineAsync(incidentId, t => t.Count(e => e.Type == "buzz_escalation_recorded") == 3,
            "all three escalations recorded");

        var worsened = await Eventually.ReturnsAsync(
            () => Task.FromResult(CallsFor("/hooks/amina", incidentId).Where(r => r.Body.Contains("\"kind\":\"BuzzWorsened\"", StringComparison.Ordinal)).ToList()),
            calls => calls.Count > 0, because: "amina told the buzz worsened");
        await StaysTrueAsync(() => CallsFor("/hooks/amina", incidentId).Count(r => r.Body.Contains("\"kind\":\"BuzzWorsened\"", StringComparison.Ordinal)) == 1,
            "one notification for the three escalations");

        Assert.That(worsened.Single().Header("X-Crisis-Idempotency-Key"), Is.EqualTo($"{incidentId}:BuzzWorsened:L1:amina@webhook"),
            "the first worsening notice");
    }
}
