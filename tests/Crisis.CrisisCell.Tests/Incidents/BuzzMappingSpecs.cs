using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Opening;
using Contract = Crisis.Contracts.Buzz;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Incidents;

public class When_the_detector_message_arrives
{
    private static readonly Contract.BuzzEscalated Message = new()
    {
        EscalationId = "esc-1",
        BrandId = Brand,
        EpisodeId = Episode,
        Kind = "EpisodeStart",
        Phase = "Crisis",
        Severity = 70,
        AnomalyScore = 9.5,
        OnsetAt = Onset,
        BucketAt = Detected.AddMinutes(-5),
        DetectedAt = Detected,
        Evidence = new Contract.BuzzEvidenceSummary
        {
            Mentions = 1200,
            ExpectedMentions = 80,
            NegativeShare = 0.82,
            TopNegativePosts = [new Contract.EvidencePost("x", "p1", "@ngo", 250_000, "fr", "Acme détruit la forêt")],
            TopTerms = ["palm oil", "boycott"],
            Languages = new Dictionary<string, long> { ["fr"] = 700, ["ar"] = 500 },
        },
    };

    [Test]
    public void It_becomes_the_command_that_opens_the_incident()
    {
        var command = BuzzEscalatedMapping.ToCommand(Message, IncidentId, Organisation, Threshold, Playbook, null, LatePages, Now);

        Assert.Multiple(() =>
        {
            Assert.That((command.BrandId, command.EpisodeId, command.EscalationId, command.Severity, command.OnsetAt, command.DetectedAt),
                Is.EqualTo((Brand, Episode, "esc-1", 70, Onset, Detected)));
            Assert.That(command.By, Is.EqualTo(BuzzEscalatedMapping.DetectorActor));
            Assert.That(command.LatePages, Is.EqualTo(LatePages));
            Assert.That(command.Evidence.TopNegativePosts.Single(), Is.EqualTo(new EvidencePost("x", "p1", "@ngo", 250_000, "fr", "Acme détruit la forêt")));
            Assert.That(command.Evidence.Languages["ar"], Is.EqualTo(500));
            Assert.That(command.Evidence.NegativeShare, Is.EqualTo(0.82));
        });
    }
}

public class When_scheduling_the_deadline_timer
{
    [Test]
    public void The_next_deadline_is_the_current_stage_s() =>
        Assert.That(IncidentDecider.Instance.Fold(Acked()) is Incident i ? i.NextStageDeadline : null, Is.EqualTo(Detected.AddMinutes(30)));

    [Test]
    public void A_missed_stage_gives_way_to_the_next_deadline()
    {
        var missed = new Crisis.CrisisCell.Incidents.CheckingDeadlines.StageDeadlineMissed(IncidentId, "respond", Detected.AddMinutes(30), Detected.AddMinutes(30));

        Assert.That(((Incident)IncidentDecider.Instance.Fold([.. Acked(), missed])).NextStageDeadline, Is.EqualTo(Detected.AddHours(2)));
    }

    [Test]
    public void There_is_no_deadline_once_monitoring() =>
        Assert.That(((Incident)IncidentDecider.Instance.Fold([Opened(), Acknowledged(), MonitoringStarted()])).NextStageDeadline, Is.Null);
}
