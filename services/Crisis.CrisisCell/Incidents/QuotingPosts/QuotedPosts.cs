using Crisis.PersonalData.Reading;
using Contract = Crisis.Contracts.Buzz;

namespace Crisis.CrisisCell.Incidents.QuotingPosts;

/// <summary>
/// The posts an incident quotes as evidence are stored in its events by reference only (platform, post id, the
/// author's pseudonym): the handle and the words stay in <c>mention_keys</c> (or <c>quoted_posts</c>), where an author
/// can be erased. They are read back at the moment a person sees them (a notification, the timeline).
/// </summary>
public sealed class QuotedPosts(PostContents contents)
{
    /// <summary>
    /// A page whose posts arrive with their handle and words (from a detector other than Crisis's own) has them kept
    /// in <c>quoted_posts</c> under the organisation's pseudonyms, and leaves with references only.
    /// </summary>
    public async Task<Contract.BuzzEscalated> KeepApartAsync(Contract.BuzzEscalated message, string organisationId, CancellationToken ct)
    {
        var quoted = message.Evidence.TopNegativePosts.Where(p => p.Excerpt is not null).ToList();
        if (quoted.Count == 0) return message;
        var pseudonyms = await contents.RememberAsync(organisationId,
            [.. quoted.Select(p => (new PostRef(p.Platform, p.PostId), p.Author, p.Excerpt))], ct);
        var posts = message.Evidence.TopNegativePosts
            .Select(p => p.Excerpt is null ? p : p with { Author = pseudonyms[new PostRef(p.Platform, p.PostId)], Excerpt = null })
            .ToArray();
        return message with { Evidence = message.Evidence with { TopNegativePosts = posts } };
    }

    /// <summary>The posts with their author's handle and an excerpt, or the pseudonym and "[erased]" once erased.</summary>
    /// <param name="scope">The incident's brand and organisation: only their copies of the posts are read.</param>
    public async Task<IReadOnlyList<EvidencePost>> ResolveAsync(IReadOnlyList<EvidencePost> posts, PostScope scope, CancellationToken ct)
    {
        if (posts.Count == 0) return posts;
        var found = await contents.FindAsync(posts.Select(p => new PostRef(p.Platform, p.PostId)), scope, ct);
        return [.. posts.Select(p => found.TryGetValue(new PostRef(p.Platform, p.PostId), out var c) ? p with { Author = c.Author, Excerpt = c.Excerpt } : p)];
    }
}
