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

    [Test]
    public void A_page_can_step_over_ids_held_by_foreign_streams_to_fresh_ids_of_its_episode()
    {
        var closed = Summary(IncidentIds.ForEpisode("acme", "acme/ep1", 0), "acme/ep1", IncidentStatus.Closed, T0);
        var candidates = new BrandIncidents([closed]).Candidates("acme", "acme/ep1").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(candidates, Has.Count.EqualTo(BrandIncidents.MaxCandidates));
            Assert.That(candidates[0], Is.EqualTo(IncidentIds.ForEpisode("acme", "acme/ep1", 1)), "the first is the one every delivery computes");
            Assert.That(candidates, Is.Unique.And.Not.Contains(closed.IncidentId));
        });
    }

    [Test]
    public void A_live_incident_is_the_only_candidate()
    {
        var incidents = new BrandIncidents([Summary("acme-live", "acme/ep1", IncidentStatus.Opened)]);
        Assert.That(incidents.Candidates("acme", "acme/ep1"), Is.EqualTo(new[] { "acme-live" }));
    }
}

public class When_an_incident_is_opened_by_hand
{
    // Brands chosen so that one's id is a prefix of another's: the shapes most likely to make two id grammars meet.
    private static readonly string[] Brands = ["acme", "acme-", "acme-m", "acme-m0", "a", "a-", "a--", "acme-0123456789ab"];

    [Test]
    public void Its_id_is_random_and_never_the_id_of_any_brands_buzz_incident()
    {
        var manual = Brands.SelectMany(b => Enumerable.Range(0, 50).Select(_ => IncidentIds.ForManual(b))).ToList();
        var buzz = Brands.SelectMany(b => Enumerable.Range(0, 50).SelectMany(g => new[] { IncidentIds.ForEpisode(b, $"{b}/ep{g}", 0), IncidentIds.ForEpisode(b, "x", g) }))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(manual, Is.Unique);
            Assert.That(manual.Where(buzz.Contains), Is.Empty);
            Assert.That(manual, Has.All.Match(@"-m[0-9a-f]{12}$"), "hand-opened: '-m' and 12 hex digits");
            Assert.That(buzz, Has.All.Match(@"-[0-9a-f]{12}$"), "buzz: '-' and 12 hex digits, never an 'm'");
        });
    }

    [TestCase("acme")]
    [TestCase("acme-m")]
    [TestCase("acme-")]
    public void No_buzz_incident_id_can_have_the_shape_of_a_hand_opened_one(string brand)
    {
        // An episode id of B equals a manual id of A only if their lengths match, so B would be A + "-" and then the
        // character after B would be '-' in one and 'm' in the other.
        var manualShape = "^" + System.Text.RegularExpressions.Regex.Escape(brand) + "-m[0-9a-f]{12}$";
        var otherBrand = brand + "-";
        Assert.That(Enumerable.Range(0, 200).Select(g => IncidentIds.ForEpisode(otherBrand, "ep", g)), Has.None.Match(manualShape));
    }
}
