using Crisis.CrisisCell.Desk.Configuring;
using Crisis.CrisisCell.Desk.KeepingServiceLevels;
using Crisis.PersonalData.Reading;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Crisis.CrisisCell.Desk.Queue;

/// <summary>A conversation as a row of the queue: its priority now, why it is there, who holds it, and its latest post.</summary>
/// <param name="AnswerDueAt">When the current wait passes the organisation's first-answer target; null when nobody waits.</param>
/// <param name="Breached">The current wait passed the target and the breach was recorded (the owner and the lead were warned).</param>
/// <param name="AuthorHandle">The handle of the person who started the conversation, for callers who answer people (responder and
/// up); null for a viewer and once the author is erased. <paramref name="Author"/> stays the pseudonym.</param>
public sealed record QueueRow(
    string ConversationId, string BrandId, string Platform, string Language, string? IncidentId, ConversationStatus Status, double? Priority,
    DateTimeOffset? WaitingSince, double? WaitingMinutes, string? ClaimedBy, DateTimeOffset? ClaimedUntil, string Author, long Followers,
    IReadOnlyList<string> Reasons, int Posts, string? LatestText, long Version, DateTimeOffset? AnswerDueAt, bool Breached, string? AuthorHandle);

public sealed record QueuePage(IReadOnlyList<QueueRow> Conversations, int Offset, int Limit);

/// <summary>Which claims to show: all, only unclaimed (or lapsed) ones, or the caller's.</summary>
public enum ClaimFilter
{
    Any,
    Unclaimed,
    Mine,
}

public static class QueueEndpoints
{
    public const int MaxLimit = 200;
    public const int MaxOffset = 10_000;

    public static void MapQueue(this IEndpointRouteBuilder desk)
    {
        desk.MapGet("/queue", async (string? brandId, string? incidentId, string? language, string? platform, ConversationStatus? status, ClaimFilter? claim,
            int? limit, int? offset, IQuerySession session, PostContents contents, IOptions<DeskOptions> options, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var take = limit ?? 50;
            var skip = offset ?? 0;
            if (take is < 1 or > MaxLimit) return DeskHttp.Invalid("limit", $"must be from 1 to {MaxLimit}, not {take}");
            if (skip is < 0 or > MaxOffset) return DeskHttp.Invalid("offset", $"must be from 0 to {MaxOffset}, not {skip}");
            var now = clock.GetUtcNow();
            var organisation = http.User.RequiredOrganisation();
            var page = await DeskQueue.PageAsync(session, organisation, http.User.Actor(),
                new QueueFilter(brandId, incidentId, language, platform, status ?? ConversationStatus.Awaiting, claim ?? ClaimFilter.Any), now, skip, take, ct);
            // Handles are personal data: shown to those who answer the people, not to every reader of the organisation's figures.
            var posts = await PostsAsync(contents, organisation, page, withAuthors: http.User.HasRole(CrisisRoles.Responder), ct);
            return Results.Ok(new QueuePage([.. page.Select(c => RowOf(c, now, posts, options.Value))], skip, take));
        }).WithName("DeskQueue").RequireAuthorization(CrisisPolicies.Viewer);

        desk.MapGet("/conversations/{id}", async (string id, IQuerySession session, PostContents contents, IOptions<DeskOptions> options, TimeProvider clock,
            HttpContext http, CancellationToken ct) =>
        {
            if (await DeskHttp.FindAsync(session, http.User, id, ct) is not { State: { } state } conversation) return DeskHttp.NotFound(id);
            var posts = await contents.FindAsync(state.Mentions.Select(m => new PostRef(state.Platform, m.PostId)),
                PostScope.OfBrand(state.OrganisationId, state.BrandId), ct);
            http.Response.Headers.ETag = Incidents.IncidentHttp.ETag(conversation.Version);
            return Results.Ok(new
            {
                conversation = RowOf(conversation, clock.GetUtcNow(), new Dictionary<string, (string?, string?)>(), options.Value),
                // The thread in order, each post with who wrote it and what (the author's handle while it is kept).
                thread = state.Mentions.Select(m => new
                {
                    m.PostId, m.ReplyTo, m.PublishedAt, m.Language, m.Followers, m.IsNegative, m.IsQuestion, m.Reasons, m.IncidentId,
                    Author = posts.TryGetValue(new PostRef(state.Platform, m.PostId), out var post) ? post.Author : m.AuthorPseudonym,
                    Text = post?.Text ?? (post is null ? null : PostContent.ErasedMark),
                    Url = post?.Url,
                }),
                answers = state.Answers,
                handovers = state.Handovers,
                noAnswerReason = state.NoAnswerReason,
            });
        }).WithName("GetConversation").RequireAuthorization(CrisisPolicies.Viewer);

        // Who did what and when: the conversation's own stream, in order.
        desk.MapGet("/conversations/{id}/events", async (string id, IQuerySession session, HttpContext http, CancellationToken ct) =>
        {
            if (await DeskHttp.FindAsync(session, http.User, id, ct) is null) return DeskHttp.NotFound(id);
            var events = await session.Events.FetchStreamAsync(ConversationStreams.KeyFor(id), token: ct);
            return Results.Ok(events.Where(e => e.Data is ConversationEvent).Select(e => new
            {
                e.Version, Type = ConversationEventNames.Of((ConversationEvent)e.Data), e.Timestamp, Data = e.Data,
            }));
        }).WithName("ConversationEvents").RequireAuthorization(CrisisPolicies.Viewer);
    }

    private static QueueRow RowOf(DeskConversation c, DateTimeOffset now, IReadOnlyDictionary<string, (string? Text, string? Handle)> posts, DeskOptions options)
    {
        var (latestText, handle) = posts.GetValueOrDefault(c.ConversationId);
        var claimed = c.LeaseUntil > now;
        var targets = options.For(c.OrganisationId);
        return new QueueRow(c.ConversationId, c.BrandId, c.Platform, c.Language, c.IncidentId, c.Status,
            c.Rank is { } rank ? Math.Round(DeskPriority.At(rank, now), 1) : null, c.WaitingSince,
            c.WaitingSince is { } since ? Math.Round((now - since).TotalMinutes, 1) : null,
            claimed ? c.LeaseHolder : null, claimed ? c.LeaseUntil : null, c.AuthorPseudonym, c.Followers, c.Reasons, c.MentionCount,
            latestText, c.Version,
            c.State is { } state ? FirstAnswerTarget.DueAt(state, targets.FirstAnswerMinutes, targets.IncidentFirstAnswerMinutes) : null,
            c.State?.WaitBreached == true, handle);
    }

    /// <summary>
    /// Per conversation, the latest post's words and (when asked) the handle of whoever started it, read at the last moment
    /// from mention_keys within the organisation and brand, so an erased author shows erased.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, (string? Text, string? Handle)>> PostsAsync(
        PostContents contents, string organisation, IReadOnlyList<DeskConversation> page, bool withAuthors, CancellationToken ct)
    {
        var posts = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        foreach (var brand in page.Where(c => c.State is { Mentions.Count: > 0 }).GroupBy(c => c.BrandId))
        {
            var latest = brand.ToDictionary(c => c.ConversationId, c => new PostRef(c.Platform, c.State!.Mentions[^1].PostId));
            var roots = brand.ToDictionary(c => c.ConversationId, c => new PostRef(c.Platform, c.State!.RootPostId));
            var found = await contents.FindAsync(withAuthors ? latest.Values.Concat(roots.Values).Distinct() : latest.Values, PostScope.OfBrand(organisation, brand.Key), ct);
            foreach (var (conversation, post) in latest)
            {
                var text = found.TryGetValue(post, out var content) ? content.Text is null ? PostContent.ErasedMark : PostContent.ExcerptOf(content.Text) : null;
                posts[conversation] = (text, withAuthors && found.TryGetValue(roots[conversation], out var root) ? root.Handle : null);
            }
        }
        return posts;
    }
}
