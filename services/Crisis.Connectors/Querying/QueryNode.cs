namespace Crisis.Connectors.Querying;

/// <summary>A parsed brand query (docs/connectors.md#queries). Words, tags and handles are lower case, as posts are matched.</summary>
public abstract record QueryNode;

/// <summary>One word: matches the word in the text, or inside a hashtag (<c>acme</c> matches <c>#acme</c>).</summary>
public sealed record TermNode(string Word) : QueryNode;

/// <summary>Words that must follow each other in the text, in this order.</summary>
public sealed record PhraseNode(IReadOnlyList<string> Words) : QueryNode;

/// <summary>A hashtag, without its '#'.</summary>
public sealed record HashtagNode(string Tag) : QueryNode;

/// <summary>An account, without its '@': a post by it, or a post that mentions it.</summary>
public sealed record HandleNode(string Handle) : QueryNode;

/// <summary>The language the source declares for the post: its primary subtag (<c>lang:ar</c> matches <c>ar-MA</c>).</summary>
public sealed record LanguageNode(string Tag) : QueryNode;

public sealed record NotNode(QueryNode Operand) : QueryNode;

public sealed record AndNode(IReadOnlyList<QueryNode> Operands) : QueryNode;

public sealed record OrNode(IReadOnlyList<QueryNode> Operands) : QueryNode;

/// <summary>Why a query was refused: the 1-based character position where the problem was found, and what it is.</summary>
public sealed record QueryError(int Position, string Reason)
{
    public override string ToString() => $"at character {Position}: {Reason}";
}
