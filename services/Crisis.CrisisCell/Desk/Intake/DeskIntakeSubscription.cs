using Crisis.CrisisCell.Desk.Configuring;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Summaries;
using Crisis.Ingestion.Brands;
using Crisis.Ingestion.Mentions;
using Crisis.PersonalData.Reading;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.Options;

namespace Crisis.CrisisCell.Desk.Intake;

/// <summary>
/// Takes the posts that need an answer from the mention streams into conversations, in store order, inside Marten's async
/// daemon (one node at a time). The conversation events and the post links are committed together in a session of their
/// own (events appended through the daemon's page operations were not stored, nor were the inline projections run on
/// them); the progress follows. A crash in between replays the page, which finds every post already linked and takes
/// nothing twice; the expected stream versions make a command that slipped in meanwhile fail the page, retried on fresh state.
/// </summary>
public sealed class DeskIntakeSubscription : SubscriptionBase
{
    public const string SubscriptionKey = "desk-intake";
    private static readonly IncidentStatus[] Open = [IncidentStatus.Opened, IncidentStatus.Acknowledged, IncidentStatus.Monitoring];
    private readonly PostContents contents;
    private readonly DeskOptions options;
    private readonly TimeProvider clock;

    public DeskIntakeSubscription(PostContents contents, IOptions<DeskOptions> options, TimeProvider clock)
    {
        this.contents = contents;
        this.options = options.Value;
        this.clock = clock;
        Name = SubscriptionKey;
        IncludeType<MentionsRecorded>();
        Options.BatchSize = 100;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var batches = page.Events.Select(e => e.Data).OfType<MentionsRecorded>().ToList();
        if (batches.Count == 0) return NullChangeListener.Instance;
        await using var query = operations.DocumentStore.QuerySession();
        var context = await IntakeContext.LoadAsync(query, contents, batches, cancellationToken);
        var now = clock.GetUtcNow();
        var touched = new Dictionary<string, Touched>(StringComparer.Ordinal);
        await using var session = operations.DocumentStore.LightweightSession();

        foreach (var batch in batches)
        {
            if (!context.Organisations.TryGetValue(batch.BrandId, out var organisation)) continue;
            context.OpenIncidents.TryGetValue(batch.BrandId, out var incident);
            foreach (var mention in batch.Mentions)
            {
                var platform = mention.Platform.WireName();
                var linkId = ConversationLink.IdFor(batch.BrandId, platform, mention.PostId);
                if (context.Links.ContainsKey(linkId)) continue;
                var parent = mention.ReplyTo is { } replyTo && context.Links.TryGetValue(ConversationLink.IdFor(batch.BrandId, platform, replyTo), out var p) ? p : null;
                var text = context.Texts.TryGetValue(new PostRef(platform, mention.PostId), out var content) ? content.Text : null;
                var followers = mention.Author.Followers ?? 0;
                var reasons = AnswerNeeds.Reasons(
                    new PostFacts(mention.IsNegative, text, followers, parent?.BrandPost == true, incident is not null, parent is { BrandPost: false }),
                    options.HighReachFollowers);
                if (reasons.Count == 0) continue;

                var desk = new ConversationMention(mention.PostId, mention.Author.Handle, followers, mention.Language.ToString().ToLowerInvariant(),
                    mention.NegativeProbability, mention.IsNegative, AnswerNeeds.IsQuestion(text), mention.ReplyTo, mention.PublishedAt, reasons,
                    incident?.IncidentId, incident?.Severity ?? 0);
                var conversationId = parent?.ConversationId ?? ConversationStreams.IdFor(organisation, batch.BrandId, platform, mention.PostId);
                var entry = await TouchAsync(touched, query, conversationId, cancellationToken);
                ConversationCommand command = entry.State is Conversation
                    ? new AddMention(conversationId, desk, now)
                    : new OpenConversation(conversationId, organisation, batch.BrandId, platform, desk,
                        context.AnsweredAuthors.Contains((organisation, mention.Author.Handle)), now);
                foreach (var e in ConversationDecider.Decide(command, entry.State))
                {
                    entry.State = ConversationDecider.Evolve(entry.State, e);
                    entry.Pending.Add(e);
                }
                var link = new ConversationLink(linkId, conversationId, BrandPost: false);
                context.Links[linkId] = link;
                session.Store(link);
            }
        }

        foreach (var (key, entry) in touched.Where(t => t.Value.Pending.Count > 0))
        {
            session.Events.Append(key, entry.Version + entry.Pending.Count, entry.Pending.Cast<object>().ToArray());
            // The first-answer timeout is committed with the post that starts the wait: no wait goes unwatched.
            if (entry.State is Conversation waiting && options.For(waiting.OrganisationId) is var targets
                && KeepingServiceLevels.FirstAnswerTarget.DueAt(waiting, targets.FirstAnswerMinutes, targets.IncidentFirstAnswerMinutes) is { } due)
                KeepingServiceLevels.ServiceLevelTimeouts.Schedule(session, waiting.ConversationId, due);
        }
        await session.SaveChangesAsync(cancellationToken);
        return NullChangeListener.Instance;
    }

    private static async Task<Touched> TouchAsync(Dictionary<string, Touched> touched, IQuerySession query, string conversationId, CancellationToken ct)
    {
        var key = ConversationStreams.KeyFor(conversationId);
        if (touched.TryGetValue(key, out var entry)) return entry;
        var events = await query.Events.FetchStreamAsync(key, token: ct);
        var state = events.Select(e => e.Data).OfType<ConversationEvent>().Aggregate(ConversationDecider.Instance.Initial, ConversationDecider.Evolve);
        entry = new Touched(state, events.Count == 0 ? 0 : events[^1].Version);
        touched[key] = entry;
        return entry;
    }

    private sealed class Touched(ConversationState state, long version)
    {
        public ConversationState State { get; set; } = state;
        public long Version { get; } = version;
        public List<ConversationEvent> Pending { get; } = [];
    }

    /// <summary>What the page's posts are judged against, read once per page.</summary>
    private sealed record IntakeContext(
        IReadOnlyDictionary<string, string> Organisations,
        IReadOnlyDictionary<string, IncidentSummary> OpenIncidents,
        Dictionary<string, ConversationLink> Links,
        IReadOnlyDictionary<PostRef, PostContent> Texts,
        HashSet<(string Organisation, string Author)> AnsweredAuthors)
    {
        public static async Task<IntakeContext> LoadAsync(
            IQuerySession query, PostContents contents, IReadOnlyList<MentionsRecorded> batches, CancellationToken ct)
        {
            var brandIds = batches.Select(b => b.BrandId).Distinct(StringComparer.Ordinal).ToArray();
            var brands = await query.LoadManyAsync<BrandProfile>(ct, brandIds.Select(BrandStreams.KeyFor));
            var organisations = brands.ToDictionary(b => b.BrandId, b => b.OrganisationId, StringComparer.Ordinal);
            var incidents = await query.Query<IncidentSummary>().Where(s => s.BrandId.IsOneOf(brandIds) && s.Status.IsOneOf(Open)).ToListAsync(ct);
            var open = incidents.GroupBy(s => s.BrandId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Severity)!, StringComparer.Ordinal);

            var linkIds = batches.SelectMany(b => b.Mentions.SelectMany(m => LinksOf(b.BrandId, m))).Distinct(StringComparer.Ordinal).ToArray();
            var links = (await query.LoadManyAsync<ConversationLink>(ct, linkIds)).ToDictionary(l => l.Id, StringComparer.Ordinal);

            var texts = new Dictionary<PostRef, PostContent>();
            foreach (var batch in batches.Where(b => organisations.ContainsKey(b.BrandId)).GroupBy(b => b.BrandId))
            {
                var found = await contents.FindAsync(batch.SelectMany(b => b.Mentions).Select(m => new PostRef(m.Platform.WireName(), m.PostId)),
                    PostScope.OfBrand(organisations[batch.Key], batch.Key), ct);
                foreach (var (post, content) in found) texts[post] = content;
            }

            var authors = batches.SelectMany(b => b.Mentions).Select(m => m.Author.Handle).Distinct(StringComparer.Ordinal).ToArray();
            var answered = await query.Query<Queue.DeskConversation>()
                .Where(c => c.AuthorPseudonym.IsOneOf(authors) && c.FirstAnsweredAt != null)
                .Select(c => new { c.OrganisationId, c.AuthorPseudonym }).ToListAsync(ct);
            return new IntakeContext(organisations, open, links, texts, [.. answered.Select(a => (a.OrganisationId, a.AuthorPseudonym))]);
        }

        private static IEnumerable<string> LinksOf(string brandId, RecordedMention m)
        {
            yield return ConversationLink.IdFor(brandId, m.Platform.WireName(), m.PostId);
            if (m.ReplyTo is { } replyTo) yield return ConversationLink.IdFor(brandId, m.Platform.WireName(), replyTo);
        }
    }
}
