using System.Buffers;

namespace Crisis.Connectors.Querying;

/// <summary>One brand and the query that says which posts mention it.</summary>
public sealed record BrandQuery(string BrandId, QueryNode Query);

/// <summary>A post as the matcher reads it.</summary>
public readonly record struct MatchablePost(string Text, string? AuthorHandle, string? Language);

/// <summary>
/// Tells which brands' queries a post matches, fast enough for a firehose: every query is indexed by its anchors
/// (<see cref="QueryAnchors"/>), a post's words, hashtags and handles are looked up in that index, and only the queries
/// they wake up are evaluated. Most posts mention no brand and cost one pass over their text plus a lookup per word.
/// Not thread-safe (it keeps its scratch buffers): one per connector.
/// </summary>
public sealed class BrandMatcher
{
    private enum Kind : byte { Word, Hashtag, Handle }

    private readonly record struct Piece(Kind Kind, int Start, int Length);

    private readonly BrandQuery[] queries;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> byWord;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> byHashtag;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> byHandle;
    private readonly int[] seenAt;
    private readonly List<int> candidates = [];
    private readonly List<Piece> pieces = [];
    private char[] lowered = new char[512];
    private int stamp;
    private string? author;
    private string? language;

    /// <summary>Evaluates every query on every post: the reference the index is checked against in the specs.</summary>
    private readonly bool evaluateAll;

    public BrandMatcher(IEnumerable<BrandQuery> brandQueries) : this(brandQueries, evaluateAll: false)
    {
    }

    internal BrandMatcher(IEnumerable<BrandQuery> brandQueries, bool evaluateAll)
    {
        this.evaluateAll = evaluateAll;
        queries = brandQueries.ToArray();
        seenAt = new int[queries.Length];
        var words = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var hashtags = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var handles = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var q = 0; q < queries.Length; q++)
        {
            var anchors = QueryAnchors.Of(queries[q].Query)
                ?? throw new ArgumentException($"the query of brand '{queries[q].BrandId}' has no anchor; parse it with QueryParser", nameof(brandQueries));
            foreach (var anchor in anchors)
            {
                var index = anchor.Kind switch { AnchorKind.Word => words, AnchorKind.Hashtag => hashtags, _ => handles };
                if (!index.TryGetValue(anchor.Value, out var list)) index[anchor.Value] = list = [];
                if (list.Count == 0 || list[^1] != q) list.Add(q);
            }
        }
        byWord = Freeze(words);
        byHashtag = Freeze(hashtags);
        byHandle = Freeze(handles);
    }

    public int QueryCount => queries.Length;

    private static Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> Freeze(Dictionary<string, List<int>> index) =>
        index.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Adds to <paramref name="brands"/> the id of every brand whose query the post matches, in configuration order.</summary>
    public void Match(in MatchablePost post, List<string> brands)
    {
        if (queries.Length == 0) return;
        Tokenise(post.Text);
        author = post.AuthorHandle is null ? null : PostWords.NormaliseHandle(post.AuthorHandle);
        language = post.Language;
        if (++stamp == int.MaxValue)
        {
            Array.Clear(seenAt);
            stamp = 1;
        }
        candidates.Clear();
        if (evaluateAll) candidates.AddRange(Enumerable.Range(0, queries.Length));
        var text = lowered.AsSpan();
        foreach (var piece in pieces)
        {
            var span = text.Slice(piece.Start, piece.Length);
            var index = piece.Kind switch { Kind.Word => byWord, Kind.Hashtag => byHashtag, _ => byHandle };
            if (!evaluateAll && index.TryGetValue(span, out var hits)) Wake(hits);
        }
        if (!evaluateAll && author is not null && byHandle.TryGetValue(author.AsSpan(), out var byAuthor)) Wake(byAuthor);
        if (candidates.Count == 0) return;
        candidates.Sort();
        foreach (var q in candidates)
        {
            if (Evaluate(queries[q].Query)) brands.Add(queries[q].BrandId);
        }
    }

    private void Wake(int[] hits)
    {
        foreach (var q in hits)
        {
            if (seenAt[q] == stamp) continue;
            seenAt[q] = stamp;
            candidates.Add(q);
        }
    }

    private void Tokenise(string text)
    {
        if (lowered.Length < text.Length) lowered = new char[Math.Max(text.Length, lowered.Length * 2)];
        var n = text.AsSpan().ToLowerInvariant(lowered);
        var buffer = lowered;
        pieces.Clear();
        var i = 0;
        while (i < n)
        {
            var c = buffer[i];
            var startsToken = i + 1 < n && PostWords.IsWordChar(buffer[i + 1]) && (i == 0 || !PostWords.IsWordChar(buffer[i - 1]));
            if (c == '#' && startsToken)
            {
                var end = i + 1;
                while (end < n && PostWords.IsWordChar(buffer[end])) end++;
                pieces.Add(new Piece(Kind.Hashtag, i + 1, end - i - 1));
                pieces.Add(new Piece(Kind.Word, i + 1, end - i - 1));
                i = end;
            }
            else if (c == '@' && startsToken)
            {
                var end = i + 1;
                while (end < n && PostWords.IsHandleChar(buffer[end])) end++;
                var last = end;
                while (last > i + 1 && buffer[last - 1] is '.' or '-' or '@') last--;
                pieces.Add(new Piece(Kind.Handle, i + 1, last - i - 1));
                i = end;
            }
            else if (PostWords.IsWordChar(c))
            {
                var end = i + 1;
                while (end < n && PostWords.IsWordChar(buffer[end])) end++;
                pieces.Add(new Piece(Kind.Word, i, end - i));
                i = end;
            }
            else
            {
                i++;
            }
        }
    }

    private bool Evaluate(QueryNode node)
    {
        switch (node)
        {
            case TermNode t: return Has(Kind.Word, t.Word);
            case HashtagNode h: return Has(Kind.Hashtag, h.Tag);
            case HandleNode h: return string.Equals(author, h.Handle, StringComparison.Ordinal) || Has(Kind.Handle, h.Handle);
            case LanguageNode l: return language is { } lang && PrimarySubtagIs(lang, l.Tag);
            case PhraseNode p: return HasPhrase(p.Words);
            case NotNode n: return !Evaluate(n.Operand);
            case AndNode a:
                foreach (var operand in a.Operands) if (!Evaluate(operand)) return false;
                return true;
            case OrNode o:
                foreach (var operand in o.Operands) if (Evaluate(operand)) return true;
                return false;
            default: return false;
        }
    }

    private static bool PrimarySubtagIs(string language, string tag) =>
        language.StartsWith(tag, StringComparison.OrdinalIgnoreCase) && (language.Length == tag.Length || language[tag.Length] is '-' or '_');

    private bool Has(Kind kind, string value)
    {
        var text = lowered.AsSpan();
        foreach (var piece in pieces)
        {
            if (piece.Kind == kind && text.Slice(piece.Start, piece.Length).SequenceEqual(value)) return true;
        }
        return false;
    }

    private bool HasPhrase(IReadOnlyList<string> words)
    {
        var text = lowered.AsSpan();
        // Only word pieces count: a phrase reads across words, never across a handle.
        var wordPieces = ArrayPool<Piece>.Shared.Rent(pieces.Count);
        try
        {
            var count = 0;
            foreach (var piece in pieces) if (piece.Kind == Kind.Word) wordPieces[count++] = piece;
            for (var start = 0; start + words.Count <= count; start++)
            {
                var all = true;
                for (var w = 0; w < words.Count && all; w++)
                {
                    var piece = wordPieces[start + w];
                    all = text.Slice(piece.Start, piece.Length).SequenceEqual(words[w]);
                }
                if (all) return true;
            }
            return false;
        }
        finally
        {
            ArrayPool<Piece>.Shared.Return(wordPieces);
        }
    }
}
