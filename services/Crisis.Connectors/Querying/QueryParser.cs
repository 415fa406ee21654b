using Crisis.ServiceDefaults.Http.Validating;

namespace Crisis.Connectors.Querying;

/// <summary>
/// Parses the brand query grammar (docs/connectors.md#queries):
/// <code>
/// query   = or
/// or      = and { "OR" and }
/// and     = unary { ["AND"] unary }          (juxtaposition is AND)
/// unary   = ("NOT" | "-") unary | primary
/// primary = "(" or ")" | "\"" words "\"" | "#" tag | "@" handle | "lang:" tag | word
/// </code>
/// Operators are upper case only (a lower-case "or" is a word). Every refusal names the character where it was found.
/// </summary>
public static class QueryParser
{
    public const int MaxLength = 1000;
    public const int MaxDepth = 16;
    public const int MaxLeaves = 100;

    public static bool TryParse(string? text, out QueryNode? query, out QueryError? error)
    {
        query = null;
        error = Check(text);
        if (error is not null) return false;
        try
        {
            var parser = new Parser(Lexer.Read(text!));
            query = parser.ParseQuery();
        }
        catch (QuerySyntaxException e)
        {
            error = e.Error;
            return false;
        }
        if (QueryAnchors.Of(query) is null)
        {
            error = new QueryError(1, "the query must require at least one word, \"phrase\", #hashtag or @handle: exclusions and lang: filters alone would match every post");
            query = null;
            return false;
        }
        return true;
    }

    public static QueryNode Parse(string text) =>
        TryParse(text, out var query, out var error) ? query! : throw new FormatException($"query '{text}' {error}");

    private static QueryError? Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new QueryError(1, "is empty");
        if (text.Length > MaxLength) return new QueryError(MaxLength + 1, $"is {text.Length} characters long; the limit is {MaxLength}");
        if (InputRules.TextProblem(text, MaxLength, allowLineBreaks: false) is { } problem) return new QueryError(FirstUnprintable(text), problem);
        return null;
    }

    private static int FirstUnprintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (!InputRules.IsPrintable(text.Substring(i, width), allowLineBreaks: false)) return i + 1;
            i += width - 1;
        }
        return 1;
    }

    private enum TokenKind { Word, Phrase, Hashtag, Handle, Language, LeftParen, RightParen, And, Or, Not, Minus, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);

    private sealed class QuerySyntaxException(QueryError error) : Exception(error.ToString())
    {
        public QueryError Error { get; } = error;
    }

    private static QuerySyntaxException Fail(int position, string reason) => new(new QueryError(position, reason));

    private static class Lexer
    {
        public static List<Token> Read(string text)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                var position = i + 1;
                if (char.IsWhiteSpace(c)) { i++; continue; }
                if (c == '(') { tokens.Add(new(TokenKind.LeftParen, "(", position)); i++; continue; }
                if (c == ')') { tokens.Add(new(TokenKind.RightParen, ")", position)); i++; continue; }
                if (c == '-' && (tokens.Count == 0 || IsSeparatedBefore(text, i)))
                {
                    tokens.Add(new(TokenKind.Minus, "-", position));
                    i++;
                    continue;
                }
                if (c == '"')
                {
                    var close = text.IndexOf('"', i + 1);
                    if (close < 0) throw Fail(position, "this quoted phrase is not closed: add the closing \"");
                    tokens.Add(new(TokenKind.Phrase, text[(i + 1)..close], position));
                    i = close + 1;
                    continue;
                }
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not '(' and not ')' and not '"') end++;
                tokens.Add(Classify(text[i..end], position));
                i = end;
            }
            tokens.Add(new(TokenKind.End, "", text.Length + 1));
            return tokens;
        }

        /// <summary>A '-' is an exclusion at the start of a word only: "t-shirt" stays one piece of text.</summary>
        private static bool IsSeparatedBefore(string text, int i) => i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] == '(';

        private static Token Classify(string piece, int position)
        {
            switch (piece)
            {
                case "AND": return new(TokenKind.And, piece, position);
                case "OR": return new(TokenKind.Or, piece, position);
                case "NOT": return new(TokenKind.Not, piece, position);
            }
            if (piece.StartsWith('#')) return new(TokenKind.Hashtag, piece[1..], position);
            if (piece.StartsWith('@')) return new(TokenKind.Handle, piece[1..], position);
            if (piece.StartsWith("lang:", StringComparison.OrdinalIgnoreCase)) return new(TokenKind.Language, piece[5..], position);
            return new(TokenKind.Word, piece, position);
        }
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int next;
        private int depth;
        private int leaves;

        private Token Peek => tokens[next];

        public QueryNode ParseQuery()
        {
            var query = ParseOr();
            if (Peek.Kind == TokenKind.RightParen) throw Fail(Peek.Position, "this ')' closes no '('");
            if (Peek.Kind != TokenKind.End) throw Fail(Peek.Position, $"unexpected '{Peek.Text}'");
            return query;
        }

        private QueryNode ParseOr()
        {
            var operands = new List<QueryNode> { ParseAnd() };
            while (Peek.Kind == TokenKind.Or)
            {
                var or = tokens[next++];
                if (!StartsOperand(Peek.Kind)) throw Fail(or.Position, "OR needs a word, phrase, tag, handle or group after it");
                operands.Add(ParseAnd());
            }
            return operands.Count == 1 ? operands[0] : new OrNode(operands);
        }

        private QueryNode ParseAnd()
        {
            if (!StartsOperand(Peek.Kind))
            {
                throw Peek.Kind switch
                {
                    TokenKind.Or or TokenKind.And => Fail(Peek.Position, $"{Peek.Text} needs a word, phrase, tag, handle or group before it"),
                    TokenKind.RightParen => Fail(Peek.Position, "this ')' closes an empty group or no '(' at all"),
                    _ => Fail(Peek.Position, "a word, phrase, tag, handle or group is missing here"),
                };
            }
            var operands = new List<QueryNode> { ParseUnary() };
            while (true)
            {
                if (Peek.Kind == TokenKind.And)
                {
                    var and = tokens[next++];
                    if (!StartsOperand(Peek.Kind)) throw Fail(and.Position, "AND needs a word, phrase, tag, handle or group after it");
                    operands.Add(ParseUnary());
                }
                else if (StartsOperand(Peek.Kind)) operands.Add(ParseUnary());
                else break;
            }
            return operands.Count == 1 ? operands[0] : new AndNode(operands);
        }

        private static bool StartsOperand(TokenKind kind) =>
            kind is TokenKind.Word or TokenKind.Phrase or TokenKind.Hashtag or TokenKind.Handle or TokenKind.Language
                or TokenKind.LeftParen or TokenKind.Not or TokenKind.Minus;

        private QueryNode ParseUnary()
        {
            var token = Peek;
            if (token.Kind is TokenKind.Not or TokenKind.Minus)
            {
                next++;
                if (!StartsOperand(Peek.Kind) || Peek.Kind is TokenKind.Not or TokenKind.Minus)
                {
                    throw Fail(token.Position, $"{(token.Kind == TokenKind.Not ? "NOT" : "'-'")} needs a word, phrase, tag, handle or group right after it");
                }
                return new NotNode(ParseUnary());
            }
            return ParsePrimary();
        }

        private QueryNode ParsePrimary()
        {
            var token = tokens[next++];
            switch (token.Kind)
            {
                case TokenKind.LeftParen:
                    if (++depth > MaxDepth) throw Fail(token.Position, $"groups are nested more than {MaxDepth} deep");
                    if (Peek.Kind == TokenKind.RightParen) throw Fail(token.Position, "this group is empty");
                    var inner = ParseOr();
                    if (Peek.Kind != TokenKind.RightParen) throw Fail(token.Position, "this '(' is not closed: add a ')'");
                    next++;
                    depth--;
                    return inner;
                case TokenKind.Word:
                    return Leaf(token, Words(token));
                case TokenKind.Phrase:
                {
                    var words = PostWords.Split(token.Text);
                    if (words.Count == 0) throw Fail(token.Position, "this quoted phrase holds no letters or digits");
                    return Leaf(token, words.Count == 1 ? new TermNode(words[0]) : new PhraseNode(words));
                }
                case TokenKind.Hashtag:
                {
                    var tag = token.Text.ToLowerInvariant();
                    if (tag.Length == 0 || !tag.All(PostWords.IsWordChar)) throw Fail(token.Position, "a #hashtag is '#' followed by letters, digits or '_' only");
                    return Leaf(token, new HashtagNode(tag));
                }
                case TokenKind.Handle:
                {
                    var handle = PostWords.NormaliseHandle(token.Text);
                    if (handle.Length == 0 || !PostWords.IsWordChar(handle[0]) || !handle.All(PostWords.IsHandleChar))
                    {
                        throw Fail(token.Position, "an @handle is '@' followed by letters, digits, '_', '.', '-' or '@' (user@server)");
                    }
                    return Leaf(token, new HandleNode(handle));
                }
                case TokenKind.Language:
                {
                    var tag = token.Text.ToLowerInvariant();
                    if (tag.Length is < 2 or > 8 || !tag.All(char.IsAsciiLetterLower)) throw Fail(token.Position, "lang: needs a language code such as fr, ar or en, right after the colon");
                    return Leaf(token, new LanguageNode(tag));
                }
                default:
                    throw Fail(token.Position, $"unexpected '{token.Text}'");
            }
        }

        private static QueryNode Words(Token token)
        {
            var words = PostWords.Split(token.Text);
            if (words.Count == 0) throw Fail(token.Position, $"'{token.Text}' holds no letters or digits to match");
            // "acme-corp" is the phrase "acme corp": posts are cut into words the same way.
            return words.Count == 1 ? new TermNode(words[0]) : new PhraseNode(words);
        }

        private QueryNode Leaf(Token token, QueryNode node)
        {
            if (++leaves > MaxLeaves) throw Fail(token.Position, $"the query holds more than {MaxLeaves} words, phrases, tags, handles and filters");
            return node;
        }
    }
}
