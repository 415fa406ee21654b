using Crisis.CrisisCell.Desk.Configuring;
using Crisis.ServiceDefaults.EventSourcing;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crisis.CrisisCell.Desk.KeepingServiceLevels;

/// <summary>
/// Fires the first-answer timeouts that are due, on every crisis-cell node, as paging's timeouts are fired: each round
/// takes the due rows no other node holds (<c>FOR UPDATE SKIP LOCKED</c>), records the breaches on the conversations
/// (once per wait: the decider), deletes the rows when the transaction commits, then warns the people concerned, one
/// grouped message per person for the round. A node that dies mid-round leaves its rows to the next, whose decider finds
/// the breaches already recorded and warns nobody twice.
/// </summary>
public sealed partial class ServiceLevelTimeoutService(
    NpgsqlDataSource database, IDocumentStore store, BreachWarnings warnings, IOptions<DeskOptions> options, TimeProvider clock,
    ILogger<ServiceLevelTimeoutService> logger) : BackgroundService
{
    private const int RowsPerRound = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.ServiceLevelPollMilliseconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FireDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The rows stay where they are: the next round fires them.
                LogRoundFailed(logger, e);
            }
        }
    }

    internal async Task FireDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var table = $"{store.Options.DatabaseSchemaName}.{ServiceLevelTimeouts.Table}";
        var breaches = new List<Breach>();
        await using (var connection = await database.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            var due = new HashSet<string>(StringComparer.Ordinal);
            await using (var take = new NpgsqlCommand(
                $"""
                 delete from {table} t using (
                   select conversation_id, due_at from {table} where due_at <= $1 order by due_at limit {RowsPerRound} for update skip locked) d
                 where t.conversation_id = d.conversation_id and t.due_at = d.due_at
                 returning t.conversation_id
                 """, connection, transaction))
            {
                take.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
                await using var reader = await take.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) due.Add(reader.GetString(0));
            }
            foreach (var conversationId in due)
            {
                if (await CheckAsync(conversationId, now, ct) is { } breach) breaches.Add(breach);
            }
            await transaction.CommitAsync(ct);
        }
        if (breaches.Count > 0) await warnings.SendAsync(breaches, now, ct);
    }

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
