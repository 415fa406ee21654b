using System.Net.Sockets;
using System.Text.Json;
using Crisis.ServiceDefaults.Messaging;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Crisis.Ingestion.Tests.ConsumingFromBus;

/// <summary>Which failures hold a message until the server is back, and which send it to the error queue.</summary>
public class When_a_consumer_fails
{
    private static PostgresException Postgres(string sqlState) => new("server says no", "FATAL", "FATAL", sqlState);

    private static NpgsqlException ConnectionRefused() =>
        new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    private sealed class ReceiverDown(Exception inner) : Exception("webhook delivery failed", inner), IOutboundFailure;

    [TestCase("57P01", TestName = "PostgreSQL shutting down by an administrator is transient (57P01)")]
    [TestCase("57P02", TestName = "PostgreSQL crash shutdown is transient (57P02)")]
    [TestCase("57P03", TestName = "PostgreSQL not accepting connections yet is transient (57P03)")]
    [TestCase("08006", TestName = "a broken PostgreSQL connection is transient (08006)")]
    [TestCase("53300", TestName = "too many PostgreSQL connections is transient (53300)")]
    public void A_server_state_is_transient(string sqlState) =>
        Assert.That(TransientFailures.IsTransient(Postgres(sqlState)), Is.True);

    [TestCase("23505", TestName = "a unique violation is the message's own failure (23505)")]
    [TestCase("42P01", TestName = "a missing table is not transient (42P01)")]
    [TestCase("22P02", TestName = "an invalid value is not transient (22P02)")]
    public void A_statement_refused_is_not_transient(string sqlState) =>
        Assert.That(TransientFailures.IsTransient(Postgres(sqlState)), Is.False);

    [Test]
    public void A_connection_refused_by_a_stopped_PostgreSQL_is_transient() =>
        Assert.That(TransientFailures.IsTransient(ConnectionRefused()), Is.True);

    [Test]
    public void A_store_failure_wrapped_by_the_store_library_is_transient() =>
        Assert.That(TransientFailures.IsTransient(new InvalidOperationException("Marten command failed", Postgres("57P01"))), Is.True);

    [Test]
    public void A_command_timeout_is_transient() =>
        Assert.That(TransientFailures.IsTransient(new NpgsqlException("Exception while reading from stream", new TimeoutException())), Is.True);

    [Test]
    public void A_bare_socket_error_or_timeout_is_transient()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TransientFailures.IsTransient(new SocketException((int)SocketError.ConnectionReset)), Is.True);
            Assert.That(TransientFailures.IsTransient(new TimeoutException()), Is.True);
        });
    }

    [Test]
    public void A_broker_connection_closed_under_the_consumer_is_transient()
    {
        var forced = new ShutdownEventArgs(ShutdownInitiator.Peer, 320, "CONNECTION_FORCED - broker forced connection closure");
        Assert.Multiple(() =>
        {
            Assert.That(TransientFailures.IsTransient(new AlreadyClosedException(forced)), Is.True);
            Assert.That(TransientFailures.IsTransient(new OperationInterruptedException(forced)), Is.True);
        });
    }

    [Test]
    public void A_broker_refusing_the_request_is_not_transient() =>
        Assert.That(TransientFailures.IsTransient(new OperationInterruptedException(new ShutdownEventArgs(ShutdownInitiator.Peer, 404, "NOT_FOUND - no queue 'x'"))), Is.False);

    [Test]
    public void An_invalid_message_is_not_transient()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TransientFailures.IsTransient(new JsonException("'<' is an invalid start of a value")), Is.False);
            Assert.That(TransientFailures.IsTransient(new ArgumentException("brandId is empty")), Is.False);
            Assert.That(TransientFailures.IsTransient(new InvalidOperationException("no brand 'x'")), Is.False);
        });
    }

    [Test]
    public void A_receiver_s_socket_error_is_the_channel_s_business_not_the_bus_s()
    {
        var down = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));
        Assert.Multiple(() =>
        {
            Assert.That(TransientFailures.IsTransient(down), Is.False);
            Assert.That(TransientFailures.IsTransient(new ReceiverDown(down)), Is.False);
            Assert.That(TransientFailures.IsTransient(new ReceiverDown(new SocketException((int)SocketError.TimedOut))), Is.False);
        });
    }

    [Test]
    public void Several_failures_at_once_are_transient_only_when_each_is()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TransientFailures.IsTransient(new AggregateException(ConnectionRefused(), Postgres("57P01"))), Is.True);
            Assert.That(TransientFailures.IsTransient(new AggregateException(ConnectionRefused(), new ArgumentException("bad"))), Is.False);
        });
    }
}
