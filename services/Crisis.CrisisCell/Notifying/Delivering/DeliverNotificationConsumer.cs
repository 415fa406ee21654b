using Crisis.Contracts.Notifications;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Crisis.CrisisCell.Notifying.Delivering;

/// <summary>Thin: one delivery per message; retries and the error queue are the definition's business.</summary>
public sealed partial class DeliverNotificationConsumer(DeliverNotificationHandler handler, ILogger<DeliverNotificationConsumer> logger)
    : IConsumer<DeliverNotification>
{
    public async Task Consume(ConsumeContext<DeliverNotification> context)
    {
        // The message's id names the claimant: a redelivery of this message is this claimant back, a copy is another.
        var messageId = context.MessageId?.ToString("N") ?? throw new DeliveryRefusedException("a delivery message needs a message id");
        NotificationOutcome outcome;
        try
        {
            outcome = await handler.HandleAsync(context.Message, messageId, context.CancellationToken);
        }
        catch (IncidentNotHeldException missing)
        {
            // The planner sends a delivery only for an incident it has just read from this store, so one it cannot find
            // belongs to another deployment on the same vhost (or a test schema already dropped): nothing here can deliver
            // it, and a dead letter would be an error line for nothing. Dropped with one line, like its fault.
            LogNotHeld(logger, context.Message.IdempotencyKey, context.Message.IncidentId, missing.Message);
            return;
        }
        LogDelivered(logger, context.Message.IdempotencyKey, context.Message.IncidentId, outcome);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {IdempotencyKey} is for incident {IncidentId}, which this store does not hold ({Reason}); dropped")]
    private static partial void LogNotHeld(ILogger logger, string idempotencyKey, string incidentId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {IdempotencyKey} of incident {IncidentId}: {Outcome}")]
    private static partial void LogDelivered(ILogger logger, string idempotencyKey, string incidentId, NotificationOutcome outcome);
}

/// <summary>
/// The bus gave up on a delivery (retries spent, or a failure retrying cannot fix): the message is in the error
/// queue with its exception, and the delivery records the failure with the reason (when the faulted message held it),
/// which the incident then shows.
/// </summary>
public sealed partial class DeliveryFaultConsumer(DeliverNotificationHandler handler, ILogger<DeliveryFaultConsumer> logger)
    : IConsumer<Fault<DeliverNotification>>
{
    public async Task Consume(ConsumeContext<Fault<DeliverNotification>> context)
    {
        var reason = context.Message.Exceptions.FirstOrDefault()?.Message ?? "delivery failed";
        var messageId = context.Message.FaultedMessageId?.ToString("N") ?? "";
        try
        {
            await handler.RecordFailureAsync(context.Message.Message, messageId, reason, context.CancellationToken);
        }
        catch (Crisis.ServiceDefaults.EventSourcing.DomainRefusalException refused)
        {
            // The incident is not in this store (a fault of another deployment on the same vhost, or an incident erased
            // since): retrying cannot record it anywhere, and the failed page is in the error queue already. Without this
            // the fault went round every node's retries as a warning each time.
            LogUnrecordable(logger, context.Message.Message.IdempotencyKey, context.Message.Message.IncidentId, refused.Message);
            return;
        }
        LogFailed(logger, context.Message.Message.IdempotencyKey, context.Message.Message.IncidentId, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {IdempotencyKey} failed for incident {IncidentId}, which this store cannot record it on ({Reason}); dropped, the page stays in the error queue")]
    private static partial void LogUnrecordable(ILogger logger, string idempotencyKey, string incidentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {IdempotencyKey} of incident {IncidentId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string idempotencyKey, string incidentId, string reason);
}
