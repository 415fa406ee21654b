using Crisis.Contracts.Mentions;
using Crisis.Ingestion.Recording;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Crisis.Ingestion.ConsumingFromBus;

/// <summary>
/// Takes mentions from upstream connectors in batches, through the same path as the HTTP intake. Messages are
/// acknowledged only once their batch is committed; invalid ones are dead-lettered to
/// <see cref="MentionQueues.Rejected"/> with every reason, and the rest of the batch is stored.
/// </summary>
public sealed partial class MentionObservedConsumer(
    MentionRecorder recorder, BusSenderSettings senders, TimeProvider clock, ILogger<MentionObservedConsumer> logger)
    : IConsumer<Batch<MentionObserved>>
{
    public async Task Consume(ConsumeContext<Batch<MentionObserved>> context)
    {
        // Each message speaks for its sender's organisation (BusSender): recorded in one call per organisation, so a
        // mention of another organisation's brand is rejected like one of an unregistered brand.
        var bySender = new Dictionary<string, List<IntakeItem>>(StringComparer.Ordinal);
        for (var i = 0; i < context.Message.Length; i++)
        {
            var message = context.Message[i];
            var sender = BusSender.Resolve(UserIdOf(message), senders);
            var item = sender.Refusal is { } refusal ? IntakeItem.Unparsable(i + 1, "sender", refusal) : IntakeItem.Parsed(i + 1, message.Message);
            var key = sender.Organisation ?? "";
            if (!bySender.TryGetValue(key, out var items)) bySender[key] = items = [];
            items.Add(item);
        }

        var report = IntakeReport.Empty;
        foreach (var (organisation, items) in bySender)
        {
            report = report.Add(await recorder.RecordAsync(items, organisation.Length == 0 ? null : organisation, context.CancellationToken));
        }
        var count = context.Message.Length;
        LogBatch(logger, count, report.Accepted, report.Duplicate, report.Rejected);
        if (report.Errors.Count == 0) return;

        var rejectedEndpoint = await context.GetSendEndpoint(new Uri($"queue:{MentionQueues.Rejected}"));
        var now = clock.GetUtcNow();
        foreach (var byItem in report.Errors.GroupBy(e => e.Line))
        {
            await rejectedEndpoint.Send(new MentionRejected
            {
                Mention = context.Message[byItem.Key - 1].Message,
                Reasons = byItem.Select(e => new RejectionReason(e.Field, e.Reason)).ToArray(),
                RejectedAt = now,
            }, context.CancellationToken);
        }
    }

    /// <summary>The AMQP user-id, which RabbitMQ has checked against the publishing connection's user.</summary>
    private static string? UserIdOf(ConsumeContext message) =>
        message.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) && !string.IsNullOrEmpty(rabbit.Properties.UserId) ? rabbit.Properties.UserId : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bus batch of {Count} mentions: {Accepted} accepted, {Duplicate} duplicate, {Rejected} rejected")]
    private static partial void LogBatch(ILogger logger, int count, int accepted, int duplicate, int rejected);
}
