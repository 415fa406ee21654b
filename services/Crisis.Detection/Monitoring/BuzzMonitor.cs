using Crisis.Detection.Signals;

namespace Crisis.Detection.Monitoring;

/// <summary>
/// Live monitoring of every brand on event time. Mentions are counted in their publication bucket; a bucket is
/// decided once the latest publication time seen (across all brands, so quiet brands move on too) has passed
/// its end by the allowed lateness. Pure and deterministic: the same mentions in the same order produce the
/// same buzz events, which is what makes replays and what-if runs exact.
/// </summary>
public sealed class BuzzMonitor(MonitorOptions options)
{
    private readonly SortedDictionary<string, BrandMonitor> brands = new(StringComparer.Ordinal);

    public DateTimeOffset? Watermark { get; private set; }

    public MonitorOptions Options => options;

    public IReadOnlyCollection<BrandMonitor> Brands => brands.Values;

    public void Restore(DateTimeOffset? watermark, IEnumerable<BrandMonitorState> states)
    {
        Watermark = watermark;
        foreach (var state in states) brands[state.Id] = new BrandMonitor(options, state);
    }

    /// <summary>Records a campaign window for a brand (creating its monitor if it has no mention yet).</summary>
    public void Declare(string brandId, CampaignWindow campaign) => BrandFor(brandId).Declare(campaign);

    private BrandMonitor BrandFor(string brandId)
    {
        if (!brands.TryGetValue(brandId, out var brand))
        {
            brand = new BrandMonitor(options, new BrandMonitorState { Id = brandId });
            brands[brandId] = brand;
        }
        return brand;
    }

    /// <summary>
    /// Moves the watermark as mentions of brands this run does not follow would have (a replay of one brand reads
    /// the others' publication times only). Decides nothing until the next <see cref="Observe"/>, as in a batch.
    /// </summary>
    private void Advance(DateTimeOffset publishedAt)
    {
        if (Watermark is null || publishedAt > Watermark) Watermark = publishedAt;
    }

    /// <summary>Feeds a batch of mentions (in store order) and returns the buzz events it decided, brand by brand in bucket order.</summary>
    /// <summary>
    /// Live brands close their buckets on the shared clock, which other brands' traffic moves while this one is quiet (or
    /// silent for good). A brand whose mentions in this batch are all older than the shared clock was before the batch, by
    /// more than <see cref="MonitorOptions.BacklogLag"/>, is catching up on a backlog (a connector's backfill, an import)
    /// and closes on its own clock, or all its history would be set aside as late. Decided per batch from the clock as it
    /// stood before it, so live and replay, fed the same batches, agree.
    /// </summary>
    private bool CatchingUp(BrandMonitorState brand, DateTimeOffset? before) =>
        brand.Watermark is { } own && before is { } shared && shared - own > options.BacklogLag;

    /// <param name="mentions">The batch's mentions, in store order.</param>
    /// <param name="othersLatest">The latest publication time among mentions of brands this monitor does not follow in the
    /// same batch (a replay of one brand): they move the shared clock as they would have live.</param>
    public IReadOnlyList<object> Observe(IEnumerable<MentionSignal> mentions, DateTimeOffset? othersLatest = null)
    {
        var events = new List<object>();
        var before = Watermark;
        var late = new Dictionary<(string Brand, long Bucket), int>();
        var arrived = new HashSet<BrandMonitor>();
        foreach (var mention in mentions)
        {
            var brand = BrandFor(mention.BrandId);
            arrived.Add(brand);
            if (!brand.Add(mention))
            {
                var key = (mention.BrandId, brand.BucketOf(mention.PublishedAt));
                late[key] = late.GetValueOrDefault(key) + 1;
            }
            if (Watermark is null || mention.PublishedAt > Watermark) Watermark = mention.PublishedAt;
        }
        if (othersLatest is { } latest) Advance(latest);
        foreach (var ((brandId, bucket), count) in late.OrderBy(l => l.Key.Brand, StringComparer.Ordinal).ThenBy(l => l.Key.Bucket))
        {
            events.Add(new Buzz.LateMentionsSetAside(brandId, new DateTimeOffset(bucket * options.Detector.BucketSize.Ticks, TimeSpan.Zero), count));
        }
        if (Watermark is { } watermark)
        {
            foreach (var brand in brands.Values)
            {
                var clock = arrived.Contains(brand) && CatchingUp(brand.State, before) ? brand.State.Watermark!.Value : watermark;
                brand.CloseBefore((clock - options.AllowedLateness).UtcTicks / options.Detector.BucketSize.Ticks, events);
            }
        }
        return events;
    }
}
