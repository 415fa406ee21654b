namespace Crisis.Detection.Signals;

/// <summary>
/// One brand's conversation threads: every reply, quote or share points at the post it answers, and through it at the
/// root of its thread. A bad buzz seeded by one post is one thread that grows fast; ordinary chatter is many small ones; a
/// trending hashtag is many posts that point at nothing. The tracker keeps, for the threads active in the last
/// <see cref="Window"/> buckets, how many distinct authors joined them and how many of their posts were scored negative,
/// so the detector can see a cascade from its first few minutes (<see cref="Detecting.ThreadEvidence"/>).
/// <para>
/// Fed from closed buckets only, posts sorted by publication time then id, so the same mentions give the same threads
/// whatever batches they arrived in (replays stay exact). Bounded: at most <see cref="MaxLinks"/> answers are remembered
/// (an answer to a forgotten answer starts its thread at the forgotten one), and a thread is forgotten once it has been
/// quiet for the window. Part of the brand's checkpoint.
/// </para>
/// </summary>
public sealed class ThreadTracker
{
    /// <summary>Answers remembered at most (their thread's root), the oldest forgotten first.</summary>
    public const int MaxLinks = 5_000;

    /// <summary>Distinct authors counted per thread; beyond it a thread is simply large.</summary>
    public const int MaxAuthorsCounted = 64;

    /// <summary>A thread is forgotten after this many buckets without a new answer.</summary>
    public int Window { get; set; } = 60;

    /// <summary>Answer post id → its thread's root post id and the bucket it was published in.</summary>
    public Dictionary<string, ThreadLink> Links { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Root post id → the thread's figures.</summary>
    public Dictionary<string, ThreadFigures> Threads { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The largest thread (distinct authors) this brand had without paging, decayed by half every
    /// <see cref="LargestHalfLifeBuckets"/>: what is ordinary here, so a brand whose own posts draw crowds of replies
    /// needs a larger crowd to page.
    /// </summary>
    public double OrdinaryLargest { get; set; }

    public const int LargestHalfLifeBuckets = 3 * 24 * 60;

    private static readonly double LargestDecayPerBucket = Math.Pow(0.5, 1.0 / LargestHalfLifeBuckets);

    /// <summary>
    /// Followers from which a negative post that answers nothing is remembered as a possible cascade seed. 5,000: the
    /// lower bound of what marketing calls a micro-influencer, and about the 99.5th percentile of ordinary authors.
    /// </summary>
    public const long SeedFollowers = 5_000;

    /// <summary>Seeds remembered at most.</summary>
    public const int MaxSeeds = 1_000;

    /// <summary>Negative posts of far-reaching authors of the last window (post id → bucket): a thread rooted in one grew from a complaint.</summary>
    public Dictionary<string, long> Seeds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Adds one closed bucket's seeds and answers (posts with a parent), the answers in publication order.</summary>
    public void Add(long bucket, IEnumerable<string> seeds, IEnumerable<ThreadAnswer> answers)
    {
        foreach (var seed in seeds)
            if (Seeds.Count < MaxSeeds) Seeds[seed] = bucket;
        Add(bucket, answers);
    }

    /// <summary>Whether the thread grew from a far-reaching author's complaint.</summary>
    public bool GrewFromSeed(string root) => Seeds.ContainsKey(root);

    /// <summary>Adds one closed bucket's answers (posts with a parent), in publication order.</summary>
    public void Add(long bucket, IEnumerable<ThreadAnswer> answers)
    {
        foreach (var answer in answers)
        {
            var root = Links.TryGetValue(answer.Parent, out var parentLink) ? parentLink.Root : answer.Parent;
            if (Links.Count >= MaxLinks) ForgetOldestLink();
            Links[answer.PostId] = new ThreadLink(root, bucket);
            if (!Threads.TryGetValue(root, out var thread))
            {
                thread = new ThreadFigures { FirstBucket = bucket };
                Threads[root] = thread;
            }
            thread.Add(bucket, answer);
        }
    }

    /// <summary>Forgets threads quiet for the window (learning from their size) and the answers and seeds older than it.</summary>
    public void Forget(long bucket)
    {
        OrdinaryLargest *= LargestDecayPerBucket;
        var horizon = bucket - Window;
        // Removing while enumerating is allowed for Dictionary since .NET Core 3.0: no list of keys to build first.
        foreach (var (root, thread) in Threads)
        {
            if (thread.LastBucket > horizon) continue;
            if (!thread.Paged) OrdinaryLargest = Math.Max(OrdinaryLargest, thread.Authors);
            Threads.Remove(root);
        }
        foreach (var (seed, seen) in Seeds)
            if (seen <= horizon) Seeds.Remove(seed);
        foreach (var (post, link) in Links)
            if (link.Bucket <= horizon) Links.Remove(post);
    }

    /// <summary>The thread with the most authors among those that have not paged yet, if any.</summary>
    public (string Root, ThreadFigures Thread)? Hottest()
    {
        (string Root, ThreadFigures Thread)? hottest = null;
        foreach (var (root, thread) in Threads)
        {
            if (thread.Paged) continue;
            if (hottest is not { } best || thread.Authors > best.Thread.Authors
                || (thread.Authors == best.Thread.Authors && string.CompareOrdinal(root, best.Root) < 0))
                hottest = (root, thread);
        }
        return hottest;
    }

    /// <summary>A thread that paged is spent: its growth is the same buzz, not a new one.</summary>
    public void MarkPaged(string root)
    {
        if (Threads.TryGetValue(root, out var thread)) thread.Paged = true;
    }

    private void ForgetOldestLink()
    {
        // Rare (only a brand with thousands of answers an hour reaches it), so a scan is cheaper than keeping an order.
        string? oldest = null;
        var oldestBucket = long.MaxValue;
        foreach (var (post, link) in Links)
            if (link.Bucket < oldestBucket || (link.Bucket == oldestBucket && string.CompareOrdinal(post, oldest) < 0))
            {
                oldest = post;
                oldestBucket = link.Bucket;
            }
        if (oldest is not null) Links.Remove(oldest);
    }
}

/// <summary>An answer's thread root and publication bucket.</summary>
public sealed record ThreadLink(string Root, long Bucket);

/// <summary>One post that answers another (reply, quote or share), as a thread sees it.</summary>
public readonly record struct ThreadAnswer(string PostId, string Parent, string Author, bool? IsNegative, DateTimeOffset PublishedAt);

/// <summary>What one thread gathered so far.</summary>
public sealed class ThreadFigures
{
    public long FirstBucket { get; set; }
    public long LastBucket { get; set; }
    public int Answers { get; set; }
    public int Scored { get; set; }
    public int Negative { get; set; }
    public int Authors { get; set; }
    public HashSet<string> AuthorSample { get; set; } = new(StringComparer.Ordinal);
    public bool Paged { get; set; }

    public void Add(long bucket, ThreadAnswer answer)
    {
        LastBucket = Math.Max(LastBucket, bucket);
        Answers++;
        if (answer.IsNegative is { } negative)
        {
            Scored++;
            if (negative) Negative++;
        }
        // Past the sample's size, an author not in it is taken to be new: a thread that large is large either way.
        var isNew = AuthorSample.Count < ThreadTracker.MaxAuthorsCounted ? AuthorSample.Add(answer.Author) : !AuthorSample.Contains(answer.Author);
        if (isNew) Authors++;
    }
}
