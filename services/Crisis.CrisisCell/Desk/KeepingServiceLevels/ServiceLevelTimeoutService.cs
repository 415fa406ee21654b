using Crisis.CrisisCell.Desk.Configuring;
using Crisis.ServiceDefaults.EventSourcing;
using Marten;
using Crisis.CrisisCell.Timing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crisis.CrisisCell.Desk.KeepingServiceLevels;

/// <summary>
/// Fires the first-answer timeouts that are due, on every crisis-cell node, as paging's timeouts are fired: each round
/// takes the due rows no other node holds (<see cref="TimeoutTable.TakeDueAsync"/>), records the breaches on the conversations
/// (once per wait: the decider), deletes the rows when the transaction commits, then warns the people concerned, one
/// grouped message per person for the round. A node that dies mid-round leaves its rows to the next, whose decider finds
/// the breaches already recorded and warns nobody twice.
/// </summary>
public sealed partial class ServiceLevelTimeoutService(
    NpgsqlDataSource database, IDocumentStore store, BreachWarnings warnings, IOptions<DeskOptions> options, TimeProvider clock,
    ILogger<ServiceLevelTimeoutService> logger) : TimeoutPoller(clock)
{
    private const int RowsPerRound = 200;

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.ServiceLevelPollMilliseconds);

    internal override async Task FireDueAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var breaches = new List<Breach>();
        await using (var connection = await database.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            var due = await ServiceLevelTimeouts.Table.TakeDueAsync(connection, transaction, store.Options.DatabaseSchemaName, now, RowsPerRound, ct);
            foreach (var conversationId in due)
            {
                if (await CheckAsync(conversationId, now, ct) is { } breach) breaches.Add(breach);
            }
            await transaction.CommitAsync(ct);
        }
        if (breaches.Count > 0) await warnings.SendAsync(breaches, now, ct);
    }

    protected override void LogRoundFailed(Exception exception) => LogRoundFailed(logger, exception);

    /// <summary>Records the breach on the conversation; null when it was answered meanwhile or already recorded.</summary>
    private async Task<Breach?> CheckAsync(string conversationId, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var key = ConversationStreams.KeyFor(conversationId);
        var stream = await session.Events.FetchForWriting<DeciderState<ConversationState>>(key, ct);
        if (stream.Aggregate?.State is not Conversation conversation) return null;
        var targets = options.Value.For(conversation.OrganisationId);
        var target = FirstAnswerTarget.For(conversation, targets.FirstAnswerMinutes, targets.IncidentFirstAnswerMinutes);
        var events = ConversationDecider.Decide(new CheckFirstAnswerTarget(conversationId, target, now), conversation);
        if (events is not [FirstAnswerTargetBreached breached])
        {
            // Still waiting but not due by this node's target (the row was written under another setting): watch it until then.
            if (!conversation.BreachedWaits.Contains(conversation.WaitingSince ?? default)
                && FirstAnswerTarget.DueAt(conversation, targets.FirstAnswerMinutes, targets.IncidentFirstAnswerMinutes) is { } due && due > now)
            {
                ServiceLevelTimeouts.Schedule(session, conversationId, due);
                await session.SaveChangesAsync(ct);
            }
            return null;
        }
        stream.AppendOne(breached);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (JasperFx.ConcurrencyException)
        {
            // Someone answered or claimed it at this very moment: the row is gone, so check again a little later.
            await using var again = store.LightweightSession();
            ServiceLevelTimeouts.Schedule(again, conversationId, now.AddSeconds(5));
            await again.SaveChangesAsync(ct);
            return null;
        }
        LogBreached(logger, conversationId, conversation.OrganisationId, target.TotalMinutes);
        return new Breach(conversation.OrganisationId, conversation.BrandId, conversationId, breached.Owner, breached.WaitingSince,
            conversation.Mentions.LastOrDefault(m => m.IncidentId is not null)?.IncidentId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} of {OrganisationId} waited past its {TargetMinutes}-minute first-answer target")]
    private static partial void LogBreached(ILogger logger, string conversationId, string organisationId, double targetMinutes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Firing first-answer timeouts failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}

/// <summary>A wait past its target, as the warnings tell it.</summary>
public sealed record Breach(string OrganisationId, string BrandId, string ConversationId, string? Owner, DateTimeOffset WaitingSince, string? IncidentId);
