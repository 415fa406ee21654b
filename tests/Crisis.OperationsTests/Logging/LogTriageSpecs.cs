using System.Net.Sockets;
using Crisis.ServiceDefaults.Logging;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crisis.OperationsTests.Logging;

/// <summary>Which log entries are expected noise, and what the triaged logger factory makes of them.</summary>
public class LogTriageSpecs
{
    private const string MartenFailure = "Marten encountered an exception executing \nselect mt_quick_append_events(...)";
    private const string HoleSkipped = "Daemon high water detection is skipping the event sequence range (71, 77] after the gap above 71 was stuck for 00:00:03";

    private static PostgresException UniqueViolation(string constraint) =>
        new("duplicate key value violates unique constraint", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation, constraintName: constraint);

    [Test]
    public void A_stream_version_conflict_logged_by_Marten_is_an_expected_race()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LogTriage.Judge("Marten.IDocumentStore", LogLevel.Error, MartenFailure, UniqueViolation("pk_mt_events_stream_and_version")),
                Is.EqualTo(LogVerdict.ExpectedRace));
            Assert.That(LogTriage.Judge("Marten.IDocumentStore", LogLevel.Error, MartenFailure,
                new InvalidOperationException("wrapped", UniqueViolation("pk_mt_streams"))), Is.EqualTo(LogVerdict.ExpectedRace), "found inside a wrapper too");
        });
    }

    [Test]
    public void A_quick_append_version_mismatch_and_a_consumer_retrying_it_are_expected_races()
    {
        var mismatch = new PostgresException("Stream version mismatch on 'incident/x-1': expected 6, actual 7", "ERROR", "ERROR", "MT003");
        Assert.Multiple(() =>
        {
            Assert.That(LogTriage.Judge("Marten.IDocumentStore", LogLevel.Error, MartenFailure, mismatch), Is.EqualTo(LogVerdict.ExpectedRace));
            Assert.That(LogTriage.Judge("MassTransit.ReceiveTransport", LogLevel.Warning,
                "R-RETRY rabbitmq://127.0.0.1/crisis/crisis-cell-buzz-escalated 68e4 RetryConsumeContext<BuzzEscalated>", mismatch),
                Is.EqualTo(LogVerdict.ExpectedRace));
        });
    }

    [Test]
    public void Any_other_store_failure_stays_an_error()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LogTriage.Judge("Marten.IDocumentStore", LogLevel.Error, MartenFailure, UniqueViolation("pk_mt_doc_incidentsummary")),
                Is.EqualTo(LogVerdict.AsIs), "another key");
            Assert.That(LogTriage.Judge("Marten.IDocumentStore", LogLevel.Error, MartenFailure,
                new PostgresException("relation does not exist", "ERROR", "ERROR", PostgresErrorCodes.UndefinedTable)), Is.EqualTo(LogVerdict.AsIs));
        });
    }

    [Test]
    public void A_race_that_reaches_a_consumer_fault_stays_an_error()
    {
        // Nobody handled it: the consumer's fault is the line that matters.
        Assert.That(LogTriage.Judge("MassTransit.ReceiveTransport", LogLevel.Error, "R-FAULT rabbitmq://x/crisis-cell-buzz-escalated",
            UniqueViolation("pk_mt_events_stream_and_version")), Is.EqualTo(LogVerdict.AsIs));
    }

    [Test]
    public void MassTransit_losing_the_broker_is_a_broker_outage()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LogTriage.Judge("MassTransit", LogLevel.Warning, "Connection Failed: rabbitmq://127.0.0.1/crisis",
                new SocketException((int)SocketError.ConnectionRefused)), Is.EqualTo(LogVerdict.BrokerOutage));
            Assert.That(LogTriage.Judge("MassTransit.ReceiveTransport", LogLevel.Error, "Consumer Channel Shutdown: rabbitmq://127.0.0.1/crisis/crisis-mentions", null),
                Is.EqualTo(LogVerdict.BrokerOutage));
            Assert.That(LogTriage.Judge("MassTransit.ReceiveTransport", LogLevel.Error, "T-FAULT rabbitmq://127.0.0.1/crisis/crisis-mentions 2362",
                new System.Threading.Channels.ChannelClosedException()), Is.EqualTo(LogVerdict.BrokerOutage), "the message goes back to the queue");
        });
    }

    [Test]
    public void The_daemon_losing_PostgreSQL_is_a_store_outage_but_a_timed_out_query_is_not()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
        var shuttingDown = new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");
        var timedOut = new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));
        Assert.Multiple(() =>
        {
            Assert.That(LogTriage.Judge("Marten.Events.Daemon.HighWater.HighWaterAgent", LogLevel.Error, "Error while trying to detect high water marks", refused),
                Is.EqualTo(LogVerdict.StoreOutage));
            Assert.That(LogTriage.Judge("JasperFx.Events.Daemon.JasperFxAsyncDaemon", LogLevel.Warning, "Error in shard", shuttingDown),
                Is.EqualTo(LogVerdict.StoreOutage));
            Assert.That(LogTriage.Judge("Marten.IDocumentStore", LogLevel.Error, MartenFailure, timedOut), Is.EqualTo(LogVerdict.AsIs));
            Assert.That(LogTriage.Judge("Crisis.CrisisCell.Notifying.Planning.PagingTimeoutService", LogLevel.Error, "Firing paging timeouts failed",
                new InvalidOperationException("Marten Command Failure", shuttingDown)), Is.EqualTo(LogVerdict.StoreOutage), "a background round tries again");
            Assert.That(LogTriage.Judge("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.Error,
                "An unhandled exception has occurred while executing the request.", shuttingDown), Is.EqualTo(LogVerdict.StoreOutage),
                "a request's client sends it again");
            Assert.That(LogTriage.Judge("Crisis.CrisisCell.Notifying.Planning.PagingTimeoutService", LogLevel.Error, "Firing paging timeouts failed",
                timedOut), Is.EqualTo(LogVerdict.AsIs));
            Assert.That(LogTriage.Judge("Crisis.CrisisCell.Notifying.Delivering.DeliverNotificationHandler", LogLevel.Error, "E-mail not sent",
                new IOException("SMTP", new SocketException((int)SocketError.ConnectionRefused))), Is.EqualTo(LogVerdict.AsIs), "another server away is a failure");
        });
    }

    [Test]
    public void A_message_that_fails_for_its_own_reason_stays_an_error()
    {
        Assert.That(LogTriage.Judge("MassTransit.ReceiveTransport", LogLevel.Error, "R-FAULT rabbitmq://x/crisis-cell-deliver-notification",
            new InvalidOperationException("incident does not exist")), Is.EqualTo(LogVerdict.AsIs));
    }

    [Test]
    public void The_daemon_skipping_a_dead_sequence_hole_is_expected_but_not_when_a_live_transaction_may_fill_it()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LogTriage.Judge("Marten.Events.Daemon.Coordination.ProjectionCoordinator", LogLevel.Warning, HoleSkipped, null),
                Is.EqualTo(LogVerdict.SequenceHoleSkipped));
            Assert.That(LogTriage.Judge("Marten.Events.Daemon.Coordination.ProjectionCoordinator", LogLevel.Warning,
                "Daemon high water detection is skipping the sequence gap above 71 DESPITE evidence of a live transaction", null), Is.EqualTo(LogVerdict.AsIs));
        });
    }

    [Test]
    public void Readiness_probe_results_are_left_to_the_dependency_monitor()
    {
        Assert.That(LogTriage.Judge("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Error,
            "Health check postgresql with status Unhealthy completed after 3ms with message 'PostgreSQL is not reachable'", null),
            Is.EqualTo(LogVerdict.HealthCheckResult));
    }

    private static (ILoggerFactory Factory, CapturedLogs Logs) Triaged()
    {
        var logs = new CapturedLogs();
        var inner = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(logs));
        return (new TriagedLoggerFactory(inner, TimeProvider.System), logs);
    }

    [Test]
    public void Expected_noise_is_lowered_and_filtered_at_its_new_level_while_failures_keep_their_level_and_stack_trace()
    {
        var (factory, logs) = Triaged();
        var failure = new InvalidOperationException("the on-call file is unreadable");
        factory.CreateLogger("Marten.IDocumentStore").LogError(UniqueViolation("pk_mt_events_stream_and_version"), MartenFailure);
        factory.CreateLogger("MassTransit").LogWarning(new SocketException((int)SocketError.ConnectionRefused), "Connection Failed: rabbitmq://127.0.0.1/crisis");
        factory.CreateLogger("Crisis.CrisisCell").LogError(failure, "Planning failed");

        var entries = logs.Entries.ToList();
        Assert.That(entries, Has.Count.EqualTo(1), "the race and the broker line are debug, below the configured information level");
        Assert.That(entries[0], Is.EqualTo((LogLevel.Error, "Crisis.CrisisCell", "Planning failed", (Exception?)failure)));
    }

    [Test]
    public void A_skipped_sequence_hole_is_one_information_line_per_interval()
    {
        var (factory, logs) = Triaged();
        var daemon = factory.CreateLogger("Marten.Events.Daemon.Coordination.ProjectionCoordinator");
        daemon.LogWarning(HoleSkipped);
        daemon.LogWarning(HoleSkipped);

        Assert.That(logs.Entries.Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Information }));
    }
}
