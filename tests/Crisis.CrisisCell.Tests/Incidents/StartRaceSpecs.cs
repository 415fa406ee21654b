using Crisis.CrisisCell.Incidents.Opening;
using Npgsql;

namespace Crisis.CrisisCell.Tests.Incidents;

public class When_two_pages_start_one_incident_stream_at_once
{
    private static PostgresException UniqueViolation(string constraint) =>
        new("duplicate key value violates unique constraint", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation, constraintName: constraint);

    [Test]
    public void Losing_on_the_first_event_s_version_is_the_expected_race() =>
        Assert.That(BuzzEscalatedConsumer.LostStartRace(new InvalidOperationException("batch failed", UniqueViolation("pk_mt_events_stream_and_version"))), Is.True);

    [Test]
    public void Losing_on_the_stream_s_key_is_the_expected_race() =>
        Assert.That(BuzzEscalatedConsumer.LostStartRace(UniqueViolation("pkey_mt_streams_id")), Is.True);

    [Test]
    public void Losing_marten_s_version_check_is_the_expected_race() =>
        Assert.That(BuzzEscalatedConsumer.LostStartRace(new JasperFx.ConcurrencyException("stream moved on", typeof(object), "incident/inc-1")), Is.True);

    [Test]
    public void Another_unique_violation_is_a_real_failure() =>
        Assert.That(BuzzEscalatedConsumer.LostStartRace(UniqueViolation("pk_mt_doc_incidentsummary")), Is.False);
}
