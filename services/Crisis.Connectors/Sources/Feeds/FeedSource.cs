using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Running;
using Crisis.Connectors.Sources;
using Crisis.Connectors.Sources.Polling;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Sources.Feeds;

/// <summary>
/// News feeds, RSS 2.0 or Atom 1.0 (read by System.ServiceModel.Syndication), one per target address. A feed holds its
/// latest items only, so each poll reads it whole and keeps the items published at or after the target's position (the
/// newest publication time committed); the overlap at that instant is absorbed by the intake. The author is the feed's
/// site (the outlet), named by its host.
/// </summary>
public sealed class FeedSource(string connector, ConnectorSettings settings, HttpClient http, TimeProvider clock, ILogger logger)
    : PolledSource(connector, settings, http, clock, logger)
{
    public override string Platform => "news";

    protected override async Task<PolledPage> PollAsync(string target, string? position, CancellationToken cancellationToken)
    {
        var address = new Uri(target);
        using var response = await GetAsync(address, "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5", cancellationToken);
        SyndicationFeed feed;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = XmlReader.Create(body, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, Async = false });
            feed = SyndicationFeed.Load(reader);
        }
        catch (Exception e) when (e is XmlException or InvalidOperationException)
        {
            Malformed($"the feed at {address} is neither RSS nor Atom: {e.Message}", "");
            return new PolledPage([], null, 0, 1);
        }
        var since = position is not null && DateTimeOffset.TryParse(position, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stored)
            ? stored
            : Clock.GetUtcNow() - Settings.Backfill;
        var newest = since;
        var posts = new List<SourcePost>();
        var seen = 0;
        var malformed = 0;
        foreach (var item in feed.Items)
        {
            seen++;
            var published = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime;
            var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri ?? item.Links.FirstOrDefault()?.Uri;
            if (link is not null && !link.IsAbsoluteUri) link = new Uri(address, link);
            var id = item.Id is { Length: > 0 } itemId ? itemId : link?.AbsoluteUri;
            var title = item.Title?.Text is { } t ? HtmlText.ToText(t) : "";
            var summary = (item.Summary?.Text ?? (item.Content as TextSyndicationContent)?.Text) is { } s ? HtmlText.ToText(s) : "";
            if (id is null || published == default || title.Length + summary.Length == 0)
            {
                malformed++;
                Malformed("an item without an id or link, a date, or any text", item.Title?.Text ?? id ?? "");
                continue;
            }
            if (published < since) continue;
            if (published > newest) newest = published;
            posts.Add(new SourcePost(
                id, address.Host, item.Authors.FirstOrDefault()?.Name ?? feed.Title?.Text, null,
                summary.Length == 0 ? title : title.Length == 0 ? summary : title + "\n" + summary,
                feed.Language, link is { Scheme: "http" or "https" } ? link : null, published, null));
        }
        return new PolledPage(posts, newest.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), seen, malformed);
    }
}
