using Crisis.CrisisCell.Incidents.RecordingResponses;
using Crisis.ServiceDefaults.EventSourcing;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Incidents;

public class When_the_brand_publishes_a_response
{
    private static readonly Uri Post = new("https://x.com/acme/status/1");
    private static readonly RecordPublicResponse Record =
        new(IncidentId, "x", Post, "Nous vous lisons et nous vous répondrons très vite.", "fr", Now.AddMinutes(20), "carol", Now.AddMinutes(21));

    [Test]
    public void The_response_is_recorded_with_channel_url_text_language_and_time() =>
        Scenario.Given(Acked()).When(Record).Then(new PublicResponseRecorded(
            IncidentId, "x", Post, "Nous vous lisons et nous vous répondrons très vite.", "fr", Now.AddMinutes(20), "carol", Now.AddMinutes(21)));

    [Test]
    public void Right_to_left_text_is_kept_as_written()
    {
        var arabic = Record with { Text = "نحن نستمع إليكم", Language = "ar", Url = new Uri("https://x.com/acme/status/2") };

        Assert.That(Scenario.Given(Acked()).When(arabic).StateAfter().PublicResponses.Last().Text, Is.EqualTo("نحن نستمع إليكم"));
    }

    [Test]
    public void The_same_post_recorded_twice_is_recorded_once()
    {
        var recorded = Scenario.Given(Acked()).When(Record).Decided();

        Scenario.Given([.. Acked(), .. recorded]).When(Record with { By = "dave" }).ThenNothing();
    }

    [Test]
    public void A_response_published_in_the_future_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(Record with { PublishedAt = Now.AddHours(1) }).ThenRefused(DomainRefusalKind.Invalid, "in the future");

    [Test]
    public void A_relative_url_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(Record with { Url = new Uri("/status/1", UriKind.Relative) }).ThenRefused(DomainRefusalKind.Invalid, "absolute");

    [Test]
    public void A_response_without_language_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(Record with { Language = "" }).ThenRefused(DomainRefusalKind.Invalid, "language");

    [Test]
    public void A_response_on_a_closed_incident_is_refused() =>
        Scenario.Given(ClosedIncident()).When(Record).ThenRefused(DomainRefusalKind.Conflict, "is closed");
}

public class When_content_is_removed
{
    private static readonly Uri Origin = new("https://facebook.com/acme/posts/42");
    private static readonly RecordContentRemoval Removal = new(IncidentId, "facebook", Origin, "court order", "legal-team", Now.AddHours(2));

    [Test]
    public void The_removal_is_recorded_with_the_streisand_warning()
    {
        var removal = (ContentRemovalRecorded)Scenario.Given(Acked()).When(Removal).Decided().Single();

        Assert.Multiple(() =>
        {
            Assert.That(removal.Url, Is.EqualTo(Origin));
            Assert.That(removal.Reason, Is.EqualTo("court order"));
            Assert.That(removal.Warning, Does.Contain("Streisand effect"));
            Assert.That(removal.RecordedBy, Is.EqualTo("legal-team"));
        });
    }

    [Test]
    public void The_same_removal_recorded_twice_is_recorded_once()
    {
        var recorded = Scenario.Given(Acked()).When(Removal).Decided();

        Scenario.Given([.. Acked(), .. recorded]).When(Removal).ThenNothing();
    }

    [Test]
    public void A_removal_without_a_reason_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(Removal with { Reason = "" }).ThenRefused(DomainRefusalKind.Invalid, "reason for the removal");

    [Test]
    public void A_removal_on_a_closed_incident_is_refused() =>
        Scenario.Given(ClosedIncident()).When(Removal).ThenRefused(DomainRefusalKind.Conflict, "is closed");
}
