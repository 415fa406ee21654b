using System.Net.Sockets;
using Npgsql;
using RabbitMQ.Client.Exceptions;

namespace Crisis.ServiceDefaults.Messaging;

/// <summary>
/// An exception of an outbound call whose caller already decided how to retry it (a notification channel and its
/// receiver): the bus never holds a message for it, whatever socket error it wraps.
/// </summary>
public interface IOutboundFailure;

/// <summary>
/// Which failures mean "the store or the broker is unreachable for now", in one place: a message that failed for one
/// of them is valid and is retried until the server is back (<see cref="ConsumerRetries"/>), never dead-lettered.
/// Everything else is the message's own problem, retried a few times, then moved to the error queue with its reason.
/// </summary>
public static class TransientFailures
{
    /// <summary>
    /// PostgreSQL states that say the server, not the statement, failed: admin shutdown (57P01), crash shutdown
    /// (57P02), cannot connect now (57P03: starting or stopping), connection exceptions (class 08), too many
    /// connections (53300), out of resources (53000, 53100, 53200), I/O and system errors (58000, 58030).
    /// </summary>
    private static readonly HashSet<string> ServerStates = new(StringComparer.Ordinal)
    {
        "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "08007", "53000", "53100", "53200", "53300", "58000", "58030",
    };

    /// <summary>True when <paramref name="exception"/>, or one it wraps, is a transient store or broker failure.</summary>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Classify(exception, depth: 0) ?? false;
    }

    /// <summary>True, false, or null when this exception says nothing and the ones it wraps decide.</summary>
    private static bool? Classify(Exception exception, int depth)
    {
        if (depth > 16) return null;
        switch (exception)
        {
            case IOutboundFailure or HttpRequestException:
                // Someone else's server: the caller's own policy decides, not the bus.
                return false;
            case PostgresException postgres:
                // A statement the server refused (a constraint, a missing table) fails the same way next time.
                return ServerStates.Contains(postgres.SqlState) || postgres.IsTransient;
            case NpgsqlException npgsql:
                // No PostgreSQL state: the connection itself failed (refused, reset, timed out), which Npgsql marks transient.
                return npgsql.IsTransient || Inner(exception, depth) == true;
            case AlreadyClosedException or BrokerUnreachableException or ConnectFailureException:
                return true;
            case OperationInterruptedException interrupted:
                // Connection-forced (320) and internal error (541) are the broker going away; a 404 or 406 is a bad request.
                return interrupted.ShutdownReason?.ReplyCode is 320 or 541 || Inner(exception, depth) == true;
            case MassTransit.ConnectionException or MassTransit.TransportUnavailableException:
                return true;
            case SocketException or TimeoutException:
                return true;
            case AggregateException aggregate:
                var inners = aggregate.InnerExceptions.Select(e => Classify(e, depth + 1)).ToArray();
                return inners.Length > 0 && inners.All(i => i == true) ? true : inners.Any(i => i == false) ? false : null;
            default:
                return Inner(exception, depth);
        }
    }

    private static bool? Inner(Exception exception, int depth) =>
        exception.InnerException is { } inner ? Classify(inner, depth + 1) : null;
}
