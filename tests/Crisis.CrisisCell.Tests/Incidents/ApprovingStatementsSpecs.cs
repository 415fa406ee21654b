using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.ApprovingStatements;
using Crisis.CrisisCell.Incidents.RecordingResponses;
using Crisis.ServiceDefaults.EventSourcing;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Incidents;

public class When_a_statement_goes_through_approval
{
    private const string Sid = "st-1";
    private static readonly Uri Url = new("https://acme.example/statement");
    private static readonly DateTimeOffset T = Now.AddMinutes(30);

    private static StatementDrafted Drafted => new(IncidentId, Sid, "website", "Nous avons compris.", "fr", "carol", T);
    private static StatementEdited Edited => new(IncidentId, Sid, 2, "Nous avons compris, et nous agissons.", "carol", T.AddMinutes(1));
    private static StatementApproved Approved(int revision) => new(IncidentId, Sid, revision, "lena", T.AddMinutes(2));

    [Test]
    public void A_draft_is_recorded_as_revision_one() =>
        Scenario.Given(Acked()).When(new DraftStatement(IncidentId, Sid, "website", "Nous avons compris.", "fr", "carol", T)).Then(Drafted);

    [Test]
    public void The_same_draft_retried_records_nothing() =>
        Scenario.Given([.. Acked(), Drafted]).When(new DraftStatement(IncidentId, Sid, "website", "Nous avons compris.", "fr", "carol", T.AddMinutes(1))).ThenNothing();

    [Test]
    public void Another_draft_under_the_same_id_is_refused() =>
        Scenario.Given([.. Acked(), Drafted]).When(new DraftStatement(IncidentId, Sid, "website", "Autre chose", "fr", "carol", T)).ThenRefused(DomainRefusalKind.Conflict, "edit it instead");

    [Test]
    public void An_edit_is_the_next_revision() =>
        Scenario.Given([.. Acked(), Drafted]).When(new EditStatement(IncidentId, Sid, "Nous avons compris, et nous agissons.", "carol", T.AddMinutes(1))).Then(Edited);

    [Test]
    public void A_lead_approves_the_revision_read() =>
        Scenario.Given([.. Acked(), Drafted, Edited]).When(new ApproveStatement(IncidentId, Sid, 2, "lena", T.AddMinutes(2))).Then(Approved(2));

    [Test]
    public void A_revision_edited_since_it_was_read_is_not_approved() =>
        Scenario.Given([.. Acked(), Drafted, Edited]).When(new ApproveStatement(IncidentId, Sid, 1, "lena", T.AddMinutes(2))).ThenRefused(DomainRefusalKind.Conflict, "revision 2, not 1");

    [Test]
    public void An_unapproved_statement_is_not_recorded_as_published() =>
        Scenario.Given([.. Acked(), Drafted]).When(new PublishStatement(IncidentId, Sid, Url, T.AddMinutes(3), "carol", T.AddMinutes(3))).ThenRefused(DomainRefusalKind.Conflict, "not approved");

    [Test]
    public void An_edit_after_the_approval_needs_a_new_approval() =>
        Scenario.Given([.. Acked(), Drafted, Approved(1), Edited]).When(new PublishStatement(IncidentId, Sid, Url, T.AddMinutes(3), "carol", T.AddMinutes(3)))
            .ThenRefused(DomainRefusalKind.Conflict, "approve it again");

    [Test]
    public void Publishing_records_the_approved_words_as_the_public_response() =>
        Scenario.Given([.. Acked(), Drafted, Edited, Approved(2)]).When(new PublishStatement(IncidentId, Sid, Url, T.AddMinutes(3), "carol", T.AddMinutes(4))).Then(
            new StatementPublished(IncidentId, Sid, 2, Url, T.AddMinutes(3), "carol", T.AddMinutes(4)),
            new PublicResponseRecorded(IncidentId, "website", Url, "Nous avons compris, et nous agissons.", "fr", T.AddMinutes(3), "carol", T.AddMinutes(4)));

    [Test]
    public void A_published_statement_is_not_edited_any_more()
    {
        var published = new StatementPublished(IncidentId, Sid, 1, Url, T.AddMinutes(3), "carol", T.AddMinutes(4));

        Scenario.Given([.. Acked(), Drafted, Approved(1), published]).When(new EditStatement(IncidentId, Sid, "Finalement…", "carol", T.AddMinutes(5)))
            .ThenRefused(DomainRefusalKind.Conflict, "was published");
    }

    [Test]
    public void The_incident_knows_where_each_statement_stands()
    {
        var statement = Scenario.Given([.. Acked(), Drafted, Edited]).When(new ApproveStatement(IncidentId, Sid, 2, "lena", T.AddMinutes(2))).StateAfter().Statements[Sid];

        Assert.Multiple(() =>
        {
            Assert.That(statement.Revision, Is.EqualTo(2));
            Assert.That(statement.IsApproved, Is.True);
            Assert.That(statement.ApprovedBy, Is.EqualTo("lena"));
        });
    }

    [Test]
    public void A_closed_incident_takes_no_new_statement() =>
        Scenario.Given([.. Acked(), MonitoringStarted(), Resolved(), Closed()])
            .When(new DraftStatement(IncidentId, Sid, "website", "Trop tard", "fr", "carol", Now.AddDays(4))).ThenRefused(DomainRefusalKind.Conflict, "closed");
}
