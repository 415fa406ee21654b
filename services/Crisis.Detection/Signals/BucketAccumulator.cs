using System.Text.RegularExpressions;
using Crisis.Ingestion.Scoring;

namespace Crisis.Detection.Signals;

/// <summary>
/// Everything detection keeps of one brand's bucket while it is open: counts for the detector and a bounded
/// sample for the evidence (the most-reached negative posts, term and language counts). Serialisable, because
/// open buckets are part of the checkpoint.
/// </summary>
public sealed partial class BucketAccumulator
{
    public const int KeptPosts = 5;
    public const int KeptTerms = 20;

    public long Start { get; set; }
    public long Volume { get; set; }
    public long Negative { get; set; }
    public long Scored { get; set; }
    public double ReachWeightedNegative { get; set; }
    public HashSet<string> Authors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Distinct authors, kept after the set itself is dropped.</summary>
    public long AuthorCount { get; set; }
    public Dictionary<string, long> Languages { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> Terms { get; set; } = new(StringComparer.Ordinal);
    public List<EvidenceMention> TopNegative { get; set; } = [];

    /// <summary>The bucket's replies, quotes and shares, for the brand's threads; dropped once the bucket is decided.</summary>
    public List<ThreadAnswer> Answers { get; set; } = [];

    /// <summary>The bucket's negative posts of far-reaching authors that answer nothing: threads a cascade may grow from.</summary>
    public List<string> Seeds { get; set; } = [];

    public void Add(MentionSignal mention)
    {
        Volume++;
        if (Authors.Add(mention.Author)) AuthorCount++;
        var language = mention.Language.ToString();
        Languages[language] = Languages.GetValueOrDefault(language) + 1;
        if (mention.IsNegative is { } negative)
        {
            Scored++;
            if (negative)
            {
                Negative++;
                ReachWeightedNegative += Reach(mention.Followers);
                KeepIfReachesFar(mention);
            }
        }
        foreach (var term in TermsOf(mention.Text)) Terms[term] = Terms.GetValueOrDefault(term) + 1;
        // Post ids are unique within a platform only, and a reply points at a post of its own platform.
        if (mention.Parent is { Length: > 0 } parent)
            Answers.Add(new ThreadAnswer(mention.Platform + ":" + mention.PostId, mention.Platform + ":" + parent, mention.Author, mention.IsNegative, mention.PublishedAt));
        else if (mention.IsNegative == true && mention.Followers >= ThreadTracker.SeedFollowers)
            Seeds.Add(mention.Platform + ":" + mention.PostId);
    }

    /// <summary>The answers in publication order (then id): the order threads are built in, whatever order they arrived in.</summary>
    public IEnumerable<ThreadAnswer> AnswersInOrder() =>
        Answers.OrderBy(a => a.PublishedAt).ThenBy(a => a.PostId, StringComparer.Ordinal);

    /// <summary>An author with 100,000 followers weighs 6 mentions, not 100,000: reach matters, but a single account must not drown the crowd.</summary>
    public static double Reach(long followers) => 1 + Math.Log10(1 + Math.Max(0, followers));

    public BucketFigures Figures(long bucketTicks) =>
        new(new DateTimeOffset(Start * bucketTicks, TimeSpan.Zero), Volume, Negative, Scored, ReachWeightedNegative, AuthorCount);

    public void KeepTopTerms(int count)
    {
        if (Terms.Count <= count) return;
        Terms = Terms.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(count)
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
    }

    public void ForgetAuthors()
    {
        Authors = new HashSet<string>(StringComparer.Ordinal);
        Answers = [];
        Seeds = [];
    }

    private void KeepIfReachesFar(MentionSignal mention)
    {
        // No excerpt: the evidence names the post, and whoever shows it reads the words from mention_keys, so that
        // an erased author disappears from every stored decision at once.
        TopNegative.Add(new EvidenceMention(mention.Platform, mention.PostId, mention.Author, mention.Followers, mention.Language.ToString(), Excerpt: null, mention.PublishedAt));
        if (TopNegative.Count <= KeptPosts) return;
        TopNegative.Sort(ByReachThenId);
        TopNegative.RemoveAt(TopNegative.Count - 1);
    }

    /// <summary>Deterministic order: most followers first, then post id, so replays pick the same evidence.</summary>
    public static int ByReachThenId(EvidenceMention a, EvidenceMention b)
    {
        var byFollowers = b.Followers.CompareTo(a.Followers);
        return byFollowers != 0 ? byFollowers : string.CompareOrdinal(a.PostId, b.PostId);
    }

    /// <summary>
    /// Hashtags, and words of four letters or more in any script, lower-cased; digits inside words are kept for Arabizi.
    /// Handles (<c>@someone</c>) and links are skipped whole: they name people rather than say what the buzz is about,
    /// and top terms are stored in the buzz events, where an erasure cannot reach.
    /// </summary>
    public static IEnumerable<string> TermsOf(string text)
    {
        foreach (Match match in Words().Matches(text))
        {
            if (match.Groups["skip"].Success) continue;
            var term = match.Value.ToLowerInvariant();
            if (!term.StartsWith('#') && StopWords.Contains(term)) continue;
            yield return term;
        }
    }

    [GeneratedRegex(@"(?<skip>@[\p{L}\p{N}_.]+|https?://\S+|www\.\S+)|#[\p{L}\p{N}_]+|[\p{L}][\p{L}\p{N}\p{Mn}]{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "with", "that", "this", "have", "from", "they", "your", "what", "when", "been", "were", "will", "just", "about", "more",
        "pour", "dans", "avec", "sont", "mais", "plus", "nous", "vous", "cette", "tout", "très", "encore", "elle",
        "على", "هذا", "هذه", "التي", "الذي", "كان", "لكن", "عندهم", "ديال", "حتى", "wach", "hadi", "dyal", "m3a",
    };
}
