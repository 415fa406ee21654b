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
public sealed partial class MentionObservedConsumer(MentionRecorder recorder, TimeProvider clock, ILogger<MentionObservedConsumer> logger)
    : IConsumer<Batch<MentionObserved>>
{
    public async Task Consume(ConsumeContext<Batch<MentionObserved>> context)
    {
        var items = new List<IntakeItem>(context.Message.Length);
        for (var i = 0; i < context.Message.Length; i++)
        {
            items.Add(IntakeItem.Parsed(i + 1, context.Message[i].Message));
        }

        var report = await recorder.RecordAsync(items, context.CancellationToken);
        LogBatch(logger, items.Count, report.Accepted, report.Duplicate, report.Rejected);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Bus batch of {Count} mentions: {Accepted} accepted, {Duplicate} duplicate, {Rejected} rejected")]
    private static partial void LogBatch(ILogger logger, int count, int accepted, int duplicate, int rejected);
}
