using System.Diagnostics;
using Crisis.Detection.Buzz;
using Crisis.ServiceDefaults.Telemetry;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Messages = Crisis.Contracts.Buzz;

namespace Crisis.Detection.Publishing;

/// <summary>
/// Publishes buzz decisions to RabbitMQ from the store, never from the request path: the daemon hands over
/// committed events only, and the message id is the event id, so a page retried after a crash republishes the
/// same messages and consumers drop the repeats.
/// </summary>
public sealed class BuzzPublisher : SubscriptionBase
{
    private readonly IBus bus;

    public BuzzPublisher(IBus bus)
    {
        this.bus = bus;
        Name = "buzz-publisher";
        IncludeType<BuzzEscalated>();
        IncludeType<BuzzSubsided>();
        Options.BatchSize = 100;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var e in page.Events)
        {
            object? message = e.Data switch
            {
                BuzzEscalated escalated => BuzzContracts.ToContract(escalated, e.Id),
                BuzzSubsided subsided => BuzzContracts.ToContract(subsided),
                _ => null,
            };
            if (message is null) continue;
            // Published within the decision's trace: MassTransit carries it on in the message headers.
            using var activity = EventTraceContext.StartFrom(DetectionTelemetry.Source, "buzz.publish", e, kind: ActivityKind.Producer);
            activity?.SetTag("crisis.brand", (e.Data as BuzzEvent)?.BrandId);
            await bus.Publish(message, message.GetType(), context => context.MessageId = e.Id, cancellationToken);
        }
        return NullChangeListener.Instance;
    }
}

/// <summary>The one mapping from buzz events to integration messages.</summary>
public static class BuzzContracts
{
    public static Messages.BuzzEscalated ToContract(BuzzEscalated e, Guid eventId) => new()
    {
        EscalationId = $"{e.EpisodeId}/{e.Kind}/{e.Bucket.UtcDateTime:yyyyMMddTHHmm}",
        BrandId = e.BrandId,
        EpisodeId = e.EpisodeId,
        Kind = e.Kind.ToString(),
        Phase = e.Phase.ToString(),
        Severity = e.Severity,
        AnomalyScore = e.AnomalyScore,
        OnsetAt = e.Onset,
        BucketAt = e.Bucket,
        DetectedAt = e.DetectedAt,
        Evidence = new Messages.BuzzEvidenceSummary
        {
            Mentions = (long)Math.Round(e.Evidence.ObservedVolume),
            ExpectedMentions = e.Evidence.ExpectedVolume,
            NegativeShare = e.Evidence.NegativeShare,
            TopNegativePosts = e.Evidence.TopNegativeMentions
                .Select(m => new Messages.EvidencePost(m.Platform, m.PostId, m.Author, m.Followers, m.Language, m.Excerpt)).ToArray(),
            TopTerms = e.Evidence.TopTerms.Select(t => t.Term).ToArray(),
            Languages = e.Evidence.Languages,
        },
    };

    public static Messages.BuzzSubsided ToContract(BuzzSubsided e) => new()
    {
        BrandId = e.BrandId,
        EpisodeId = e.EpisodeId,
        SubsidedAt = e.Bucket,
        PeakSeverity = e.PeakSeverity,
    };
}
