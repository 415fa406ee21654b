using Crisis.Ingestion.Brands;
using Crisis.Ingestion.Mentions;
using Crisis.PersonalData.Pseudonymising;
using Crisis.PersonalData.Reading;

namespace Crisis.Ingestion.Recording;

/// <summary>A scored mention split in two: what its event keeps forever, and what <c>mention_keys</c> keeps until erased.</summary>
public sealed record PseudonymousMention(CandidateMention Event, NewPostContent Content);

/// <summary>
/// Keeps the public's identity out of the immutable mention events: the author becomes the brand's organisation's
/// keyed pseudonym, and the display name, text and link move to the post's row of <c>mention_keys</c>, written in the
/// same transaction. Scoring has already read the text; detection reads it back from there.
/// </summary>
public sealed class MentionPseudonymisation(AuthorPseudonyms pseudonyms, BrandDirectory brands)
{
    public async Task<IReadOnlyList<PseudonymousMention>> SplitAsync(IReadOnlyList<CandidateMention> scored, CancellationToken cancellationToken)
    {
        var namers = new Dictionary<string, AuthorPseudonyms.Namer>(StringComparer.Ordinal);
        try
        {
            return await SplitAsync(scored, namers, cancellationToken);
        }
        finally
        {
            foreach (var namer in namers.Values) namer.Dispose();
        }
    }

    private async Task<IReadOnlyList<PseudonymousMention>> SplitAsync(
        IReadOnlyList<CandidateMention> scored, Dictionary<string, AuthorPseudonyms.Namer> namers, CancellationToken cancellationToken)
    {
        var split = new PseudonymousMention[scored.Count];
        for (var i = 0; i < scored.Count; i++)
        {
            var candidate = scored[i];
            var organisation = brands.OrganisationOf(candidate.BrandId);
            if (!namers.TryGetValue(organisation, out var namer))
            {
                namers[organisation] = namer = new AuthorPseudonyms.Namer(await pseudonyms.KeyAsync(organisation, cancellationToken));
            }
            var mention = candidate.Mention;
            var platform = mention.Platform.WireName();
            var pseudonym = namer.Of(platform, mention.Author.Handle);
            split[i] = new PseudonymousMention(
                candidate with
                {
                    Mention = mention with { Author = new MentionAuthorProfile(pseudonym, null, mention.Author.Followers), Text = null, Url = null },
                },
                new NewPostContent(new PostRef(platform, mention.PostId), organisation, pseudonym, mention.Author.Handle, mention.Author.DisplayName, mention.Text, mention.Url));
        }
        return split;
    }
}
