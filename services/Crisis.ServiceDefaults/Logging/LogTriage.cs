using Crisis.ServiceDefaults.Messaging;
using JasperFx;
using JasperFx.Events;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crisis.ServiceDefaults.Logging;

/// <summary>What a log entry is, for an operator reading the node's log.</summary>
public enum LogVerdict
{
    /// <summary>Logged as its source wrote it.</summary>
    AsIs,

    /// <summary>
    /// Two writers met on one stream and the store refused the second (expected version, stream already started).
    /// Whoever runs the command handles it (it reloads and decides again, or answers 409); if nobody does, the
    /// failure is logged again where it surfaces (the consumer's fault, the HTTP error), so the store's own line, and a
    /// consumer's retry of it (<c>R-RETRY</c>), are only debug information.
    /// </summary>
    ExpectedRace,

    /// <summary>
    /// The bus lost RabbitMQ (a channel or the connection closed, a reconnect refused). The bus's readiness check says
    /// so, and <see cref="Health.DependencyMonitor"/> logs one warning when it fails and one line when it is back; the
    /// dozens of lines each consumer channel writes meanwhile are debug information.
    /// </summary>
    BrokerOutage,

    /// <summary>
    /// Something failed because PostgreSQL is away (connection refused or reset, the server shutting down): the daemon,
    /// a background round (planning, deadlines, gauges), a request. The <c>postgresql</c> readiness check says so once,
    /// through <see cref="Health.DependencyMonitor"/>; each of them tries again by itself (a request's client sends it
    /// again), so every failure in between is debug information. A timed-out query is not an outage and keeps its level.
    /// </summary>
    StoreOutage,

    /// <summary>
    /// A health check's result, which ASP.NET Core logs on every readiness probe (an error with a stack trace, every
    /// few seconds, for as long as a server is away). <see cref="Health.DependencyMonitor"/> logs each change instead.
    /// </summary>
    HealthCheckResult,

    /// <summary>
    /// The async daemon stepped over event sequence numbers that no transaction will commit: an append that rolled
    /// back (a lost race, a duplicate batch, a crash) spends its numbers for good, so holes are normal after races and
    /// restarts. Information, not a warning.
    /// </summary>
    SequenceHoleSkipped,
}

/// <summary>
/// Which log entries are expected noise, decided in one place from the entry's category, text and exception.
/// Pure: <see cref="TriagedLoggerFactory"/> applies the verdicts.
/// </summary>
public static class LogTriage
{
    /// <summary>Raised by Marten's <c>mt_quick_append_events</c> when the stream moved past the expected version.</summary>
    private const string QuickAppendVersionMismatch = "MT003";

    /// <summary>Marten's primary keys that two appends to one stream collide on.</summary>
    private static readonly string[] StreamKeys = ["pk_mt_events_stream_and_version", "pk_mt_streams"];

    private const string HealthCheckCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    public static LogVerdict Judge(string category, LogLevel level, string message, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(category);
        if (level < LogLevel.Warning) return LogVerdict.AsIs;
        if (exception is not null && IsExpectedRace(exception)
            && (category.StartsWith("Marten", StringComparison.Ordinal) || message.StartsWith("R-RETRY", StringComparison.Ordinal)))
            return LogVerdict.ExpectedRace;
        if (exception is not null && IsStoreOutage(exception))
            return LogVerdict.StoreOutage;
        if (category.StartsWith("MassTransit", StringComparison.Ordinal) && IsBrokerOutage(message, exception))
            return LogVerdict.BrokerOutage;
        if (category == HealthCheckCategory && message.StartsWith("Health check ", StringComparison.Ordinal))
            return LogVerdict.HealthCheckResult;
        if (message.Contains("skipping the event sequence range", StringComparison.Ordinal)
            && !message.Contains("DESPITE", StringComparison.Ordinal))
            return LogVerdict.SequenceHoleSkipped;
        return LogVerdict.AsIs;
    }

    /// <summary>A concurrency conflict on an event stream, as Marten raises it or as PostgreSQL reports it.</summary>
    public static bool IsExpectedRace(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ConcurrencyException or EventStreamUnexpectedMaxEventIdException or Marten.Exceptions.ExistingStreamIdCollisionException
                    or JasperFx.Events.ExistingStreamIdCollisionException:
                    return true;
                case PostgresException { SqlState: QuickAppendVersionMismatch }:
                    return true;
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
                    when StreamKeys.Any(k => unique.ConstraintName?.StartsWith(k, StringComparison.Ordinal) == true):
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// PostgreSQL, not the statement, failed (an <see cref="NpgsqlException"/> that <see cref="TransientFailures"/> calls
    /// transient), and not by a timeout: a slow query that timed out is worth its warning, the server being away is
    /// reported by readiness. Other servers' socket errors (a mail server, a webhook) are not covered.
    /// </summary>
    public static bool IsStoreOutage(Exception exception)
    {
        var fromPostgres = false;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException) return false;
            fromPostgres |= e is NpgsqlException;
        }
        return fromPostgres && TransientFailures.IsTransient(exception);
    }

    /// <summary>MassTransit's lines about losing the broker: a transient failure, or a channel or connection shut down.</summary>
    public static bool IsBrokerOutage(string message, Exception? exception) =>
        (exception is not null && TransientFailures.IsTransient(exception))
        // T-FAULT with a closed channel: the broker closed the consumer's channel under a message, which goes back to the
        // queue and is delivered again; nothing failed.
        || exception is System.Threading.Channels.ChannelClosedException
        || message.Contains("Channel Shutdown", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Connection Shutdown", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Connection Failed", StringComparison.OrdinalIgnoreCase);
}
