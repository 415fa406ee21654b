using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.Summaries;

namespace Crisis.CrisisCell.Tests.Incidents;

public class When_a_page_is_routed_to_an_incident
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static IncidentSummary Summary(string id, string episode, IncidentStatus status, DateTimeOffset? closedAt = null, params string[] escalations) => new()
    {
        Id = IncidentStreams.KeyFor(id), IncidentId = id, BrandId = "acme", EpisodeId = episode, Status = status, ClosedAt = closedAt,
        EscalationIds = [.. escalations],
    };

    [Test]
    public void The_first_incident_of_an_episode_takes_an_id_derived_from_brand_and_episode()
    {
        var id = new BrandIncidents([]).IncidentFor("acme", "acme/ep1");
        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo(IncidentIds.ForEpisode("acme", "acme/ep1", 0)), "a second delivery computes the same stream");
            Assert.That(id, Does.StartWith("acme-"));
            Assert.That(id, Is.Not.EqualTo(new BrandIncidents([]).IncidentFor("acme", "acme/ep2")));
        });
    }

    [Test]
    public void A_page_goes_to_the_open_incident_of_its_episode()
    {
        var incidents = new BrandIncidents([Summary("acme-old", "acme/ep0", IncidentStatus.Closed, T0), Summary("acme-live", "acme/ep1", IncidentStatus.Monitoring)]);
        Assert.That(incidents.IncidentFor("acme", "acme/ep1"), Is.EqualTo("acme-live"));
    }

    [Test]
    public void After_the_episodes_incident_closed_a_new_page_opens_the_next_incident()
    {
        var closed = Summary(IncidentIds.ForEpisode("acme", "acme/ep1", 0), "acme/ep1", IncidentStatus.Closed, T0);
        var next = new BrandIncidents([closed]).IncidentFor("acme", "acme/ep1");
        Assert.Multiple(() =>
        {
            Assert.That(next, Is.Not.EqualTo(closed.IncidentId));
            Assert.That(next, Is.EqualTo(IncidentIds.ForEpisode("acme", "acme/ep1", 1)));
        });
    }

    [Test]
    public void A_page_already_recorded_is_recognised_even_after_its_incident_closed()
    {
        var incidents = new BrandIncidents([Summary("acme-a", "acme/ep1", IncidentStatus.Closed, T0, "acme/ep1/EpisodeStart/1")]);
        Assert.Multiple(() =>
        {
            Assert.That(incidents.Recorded("acme/ep1", "acme/ep1/EpisodeStart/1"), Is.EqualTo("acme-a"));
            Assert.That(incidents.Recorded("acme/ep1", "acme/ep1/Escalation/2"), Is.Null);
        });
    }

    [Test]
    public void A_new_incident_follows_the_brands_most_recently_closed_one()
    {
        var incidents = new BrandIncidents(
        [
            Summary("acme-first", "acme/ep1", IncidentStatus.Closed, T0),
            Summary("acme-second", "acme/ep2", IncidentStatus.Closed, T0.AddDays(3)),
            Summary("acme-live", "acme/ep3", IncidentStatus.Resolved),
        ]);
        Assert.That(incidents.LastClosedIncidentId, Is.EqualTo("acme-second"));
    }
}
