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
    public void Advance(DateTimeOffset publishedAt)
    {
        if (Watermark is null || publishedAt > Watermark) Watermark = publishedAt;
    }

    /// <summary>Feeds a batch of mentions (in store order) and returns the buzz events it decided, brand by brand in bucket order.</summary>
    public IReadOnlyList<object> Observe(IEnumerable<MentionSignal> mentions)
    {
        var events = new List<object>();
        var late = new Dictionary<(string Brand, long Bucket), int>();
        foreach (var mention in mentions)
        {
            var brand = BrandFor(mention.BrandId);
            if (!brand.Add(mention))
            {
                var key = (mention.BrandId, brand.BucketOf(mention.PublishedAt));
                late[key] = late.GetValueOrDefault(key) + 1;
            }
            if (Watermark is null || mention.PublishedAt > Watermark) Watermark = mention.PublishedAt;
        }
        foreach (var ((brandId, bucket), count) in late.OrderBy(l => l.Key.Brand, StringComparer.Ordinal).ThenBy(l => l.Key.Bucket))
        {
            events.Add(new Buzz.LateMentionsSetAside(brandId, new DateTimeOffset(bucket * options.Detector.BucketSize.Ticks, TimeSpan.Zero), count));
        }
        if (Watermark is { } watermark)
        {
            var boundary = (watermark - options.AllowedLateness).UtcTicks / options.Detector.BucketSize.Ticks;
            foreach (var brand in brands.Values) brand.CloseBefore(boundary, events);
        }
        return events;
    }
}
