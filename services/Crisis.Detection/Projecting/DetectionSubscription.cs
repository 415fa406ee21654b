using Crisis.Detection.Buzz;
using Crisis.Detection.Monitoring;
using Crisis.Detection.Signals;
using Crisis.Ingestion.Brands;
using Crisis.Ingestion.Mentions;
using Crisis.ServiceDefaults.Telemetry;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace Crisis.Detection.Projecting;

/// <summary>
/// Runs the <see cref="BuzzMonitor"/> over the mention streams, in store order, inside Marten's async daemon
/// (one node at a time across the cluster). The buzz events it decides, the brands' monitoring state and its
/// checkpoint are written in the transaction that records its progress, so a crash never loses or repeats a
/// decision.
/// </summary>
public sealed class DetectionSubscription : SubscriptionBase
{
    public const string SubscriptionKey = "detection";
    private readonly MonitorOptions options;
    private BuzzMonitor? monitor;
    private long monitorSequence = -1;

    public DetectionSubscription(MonitorOptions options)
    {
        this.options = options;
        Name = SubscriptionKey;
        IncludeType<MentionsRecorded>();
        IncludeType<CampaignWindowDeclared>();
        Options.BatchSize = 200;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // The in-memory monitor is trusted only if it stopped exactly where this page starts; after a failed
        // page, or on another node, it is rebuilt from the last committed checkpoint.
        if (monitor is null || monitorSequence != page.SequenceFloor)
        {
            monitor = await LoadAsync(operations, cancellationToken);
        }

        using var batches = (await LoadTextsAsync(page, operations, cancellationToken)).GetEnumerator();

        // Mentions and campaign declarations are applied in store order, so a replay sees them the same way.
        var decided = new List<object>();
        var pending = new List<MentionsWithTexts>();
        foreach (var data in page.Events.Select(e => e.Data))
        {
            if (data is MentionsRecorded && batches.MoveNext()) { pending.Add(batches.Current); continue; }
            if (data is not CampaignWindowDeclared campaign) continue;
            decided.AddRange(monitor.Observe(pending.SelectMany(MentionSignal.From)));
            pending.Clear();
            monitor.Declare(campaign.BrandId, new CampaignWindow(campaign.CampaignId, campaign.Name, campaign.From, campaign.To, campaign.DeclaredBy));
        }
        decided.AddRange(monitor.Observe(pending.SelectMany(MentionSignal.From)));
        if (decided.Count > 0) AppendDecisions(page, decided.Cast<BuzzEvent>().ToList(), operations);
        foreach (var brand in monitor.Brands) operations.Store(brand.Snapshot());
        operations.Store(new DetectionCheckpoint { LastSequence = page.SequenceCeiling, Watermark = monitor.Watermark });
        monitorSequence = page.SequenceCeiling;
        return NullChangeListener.Instance;
    }

    /// <summary>
    /// Appends the decisions under a span of their own, continuing the trace of the page's newest mention batch (the
    /// one that moved the watermark past the decided buckets) and linked to the other batches' traces; the buzz
    /// events carry that span's traceparent on to the publisher.
    /// </summary>
    private static void AppendDecisions(EventRange page, List<BuzzEvent> decided, IDocumentOperations operations)
    {
        var mentions = page.Events.Where(e => e.Data is MentionsRecorded).ToList();
        var newest = mentions.LastOrDefault();
        using var activity = EventTraceContext.StartFrom(DetectionTelemetry.Source, "buzz.decide", newest, mentions);
        activity?.SetTag("crisis.buzz.decisions", decided.Count);
        activity?.SetTag("crisis.mention_batches", mentions.Count);
        foreach (var group in decided.GroupBy(e => e.BrandId))
        {
            var action = operations.Events.Append(BuzzStreams.KeyFor(group.Key), group.ToArray());
            EventTraceContext.Stamp(action.Events, activity);
        }
        if (newest?.Data is MentionsRecorded recorded)
        {
            DetectionTelemetry.Decided(TimeProvider.System.GetUtcNow() - recorded.RecordedAt, decided.Any(e => e is BuzzEscalated));
        }
    }

    /// <summary>The page's words, for the term counts: the events carry none (<see cref="MentionTexts"/>).</summary>
    private static async Task<IReadOnlyList<MentionsWithTexts>> LoadTextsAsync(EventRange page, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var batches = page.Events.Select(e => e.Data).OfType<MentionsRecorded>().ToList();
        if (batches.Count == 0) return [];
        await using var connection = operations.DocumentStore.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return await MentionTexts.LoadAsync(connection, operations.DocumentStore.Options.DatabaseSchemaName, batches, cancellationToken);
    }

    private async Task<BuzzMonitor> LoadAsync(IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // Read through a session of its own: loaded into the page's session, the checkpoint would clash with the one
        // stored below ("same Id already added to the session"), and detection would stop on the node that took over.
        await using var query = operations.DocumentStore.QuerySession();
        var checkpoint = await query.LoadAsync<DetectionCheckpoint>(DetectionCheckpoint.SingletonId, cancellationToken);
        var states = await query.Query<BrandMonitorState>().ToListAsync(cancellationToken);
        var loaded = new BuzzMonitor(options);
        loaded.Restore(checkpoint?.Watermark, states);
        return loaded;
    }

}
