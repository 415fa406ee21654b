using Crisis.CrisisCell.Notifying.Configuring;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using Crisis.CrisisCell.Timing;
using Microsoft.Extensions.Options;

namespace Crisis.CrisisCell.Notifying.Planning;

/// <summary>
/// Paging's durable timeouts (<see cref="TimeoutTable"/>): one row per incident and time at which something comes due
/// by time alone (the next level of an unacknowledged incident, a quiet re-notification, a grouped notice, the end of a
/// maintenance window, a rotation handing over, room under the frequency cap). The planner writes a row in the session
/// that records its plan; the node that fires it removes it in the transaction that plans the incident again.
/// </summary>
public static class PagingTimeouts
{
    public static readonly TimeoutTable Table = new("paging_timeouts", "incident_id");

    public static void Configure(StoreOptions options) => Table.Configure(options);

    /// <summary>Plans the incident again at <paramref name="dueAt"/>: written when the session saves. Several rows per incident are fine.</summary>
    public static void Schedule(IDocumentSession session, string incidentId, DateTimeOffset dueAt) => Table.Schedule(session, incidentId, dueAt);
}

/// <summary>
/// Fires the timeouts that are due, on every crisis-cell node: each round takes the due rows no other node holds,
/// plans their incidents, and deletes them when the transaction commits; a node that dies mid-round leaves its rows to
/// the next.
/// </summary>
public sealed partial class PagingTimeoutService(
    NpgsqlDataSource database, IDocumentStore store, PagingPlanning planning, IOptions<NotificationSettings> settings, TimeProvider clock,
    ILogger<PagingTimeoutService> logger) : TimeoutPoller(clock)
{
    private const int RowsPerRound = 100;

    protected override TimeSpan Interval => settings.Value.TimeoutPollInterval;

    internal override async Task FireDueAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var due = await PagingTimeouts.Table.TakeDueAsync(connection, transaction, store.Options.DatabaseSchemaName, Clock.GetUtcNow(), RowsPerRound, ct);
        foreach (var incidentId in due)
            await planning.PlanAsync(incidentId, tracedBy: null, ct);
        await transaction.CommitAsync(ct);
    }

    protected override void LogRoundFailed(Exception exception) => LogRoundFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Firing paging timeouts failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
