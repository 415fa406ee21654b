using System.Text;
using System.Text.RegularExpressions;

namespace Crisis.Ingestion.Scoring;

/// <summary>
/// Turns raw mention text into the tokens the negativity model and the language identifier read: one spelling
/// per Arabic word, no diacritics or tatweel, elongations cut to two letters, emoji as words, links and user
/// handles as placeholders. Never throws: invalid UTF-16 and control characters become separators.
/// </summary>
internal static partial class TextNormalizer
{
    /// <summary>
    /// Only the start of a very long text is read: mentions are short, and a bounded read keeps scoring time
    /// bounded whatever a client sends.
    /// </summary>
    public const int MaxCharsRead = 2_000;

    // Generated tokens start with '<', which never survives inside a word, so they cannot collide with one.
    public const string UrlToken = "<url>";
    public const string UserToken = "<user>";
    public const string NumberToken = "<num>";
    public const string ElongationToken = "<elongated>";
    public const string ShoutToken = "<shout>";
    private const char UrlMark = '\uE000';
    private const char UserMark = '\uE001';
    private const char SadEmoticonMark = '\uE002';
    private const char HappyEmoticonMark = '\uE003';
    private const char LoveEmoticonMark = '\uE004';
    private const char ScornEmoticonMark = '\uE005';

    public static NormalizedMention Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return NormalizedMention.Empty;
        }

        var window = text.Length > MaxCharsRead ? text[..MaxCharsRead] : text;

        // Private-use marks stand in for links and handles so that their letters count as no language.
        // Links need a '/' or "www.", handles an '@': most mentions skip both regular expressions.
        if (window.Contains('/', StringComparison.Ordinal) || window.Contains("www.", StringComparison.OrdinalIgnoreCase))
        {
            window = LinkPattern().Replace(window, " " + UrlMark + " ");
        }

        if (window.Contains('@', StringComparison.Ordinal))
        {
            window = UserPattern().Replace(window, " " + UserMark + " ");
        }

        // Text emoticons carry the same moods as emoji, but their punctuation would otherwise be dropped.
        if (window.AsSpan().ContainsAny(EmoticonStarts))
        {
            window = EmoticonPattern().Replace(window, match => " " + EmoticonMark(match.Value) + " ");
        }

        return new Tokenizer().Run(window);
    }

    [GeneratedRegex(@"(?:https?://|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|ly|co|ma|dz|tn|fr)/\S*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"@\w+", RegexOptions.CultureInvariant)]
    private static partial Regex UserPattern();

    private static readonly System.Buffers.SearchValues<char> EmoticonStarts = System.Buffers.SearchValues.Create(":;=<^-_xXTD");

    [GeneratedRegex(@"(?<![\w:;=])(?:[:;=]['’]?-?(?:\(+|\)+|\[|\]|/|\\|\||[dDpPoO3*])|<3+|\^\^|-_+-|T_T|[xX][dD]+|D:)(?![\w)(])", RegexOptions.CultureInvariant)]
    private static partial Regex EmoticonPattern();

    private static char EmoticonMark(string emoticon)
    {
        if (emoticon.StartsWith("<3", StringComparison.Ordinal) || emoticon.EndsWith('*') || emoticon.EndsWith('3'))
        {
            return LoveEmoticonMark;
        }

        if (emoticon is "D:" or "T_T" || emoticon.EndsWith('(') || emoticon.EndsWith('['))
        {
            return SadEmoticonMark;
        }

        if (emoticon.StartsWith('-') || emoticon[^1] is '/' or '\\' or '|' or 'o' or 'O')
        {
            return ScornEmoticonMark;
        }

        return HappyEmoticonMark;
    }

    private sealed class Tokenizer
    {
        private readonly List<string> tokens = [];
        private readonly StringBuilder word = new();
        private int arabicLetters;
        private int latinLetters;
        private int otherLetters;
        private int emoji;
        private bool elongated;
        private bool wordHasLetter;
        private int wordUppercase;
        private bool shouted;
        private bool inHashtag;
        private char previousLetter;

        public NormalizedMention Run(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    ReadCodePoint(char.ConvertToUtf32(c, text[i + 1]));
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    // A lone surrogate is broken UTF-16: it separates words and means nothing.
                    EndWord();
                }
                else
                {
                    ReadChar(c);
                }
            }

            EndWord();
            if (elongated)
            {
                tokens.Add(ElongationToken);
            }

            if (shouted)
            {
                tokens.Add(ShoutToken);
            }

            return new NormalizedMention(tokens, arabicLetters, latinLetters, otherLetters, emoji);
        }

        private void ReadCodePoint(int codePoint)
        {
            if (EmojiTokens.IsModifier(codePoint))
            {
                return;
            }

            EndWord();
            if (EmojiTokens.IsEmoji(codePoint))
            {
                emoji++;
                tokens.Add(EmojiTokens.TokenFor(codePoint));
                if (EmojiTokens.MoodFor(codePoint) is { } mood)
                {
                    tokens.Add(mood);
                }
            }
        }

        private void ReadChar(char c)
        {
            if (ArabicLetters.IsIgnorable(c) || EmojiTokens.IsModifier(c))
            {
                return;
            }

            if (ArabicLetters.IsArabicLetter(c))
            {
                arabicLetters++;
                Append(ArabicLetters.Fold(c), isLetter: true);
            }
            else if (char.IsLetter(c))
            {
                if (c < '\u0250')
                {
                    latinLetters++;
                }
                else
                {
                    otherLetters++;
                }

                // "#AFailedTextFromToday": a capital after a small letter starts a new word of the hashtag.
                if (inHashtag && char.IsUpper(c) && word.Length > 0 && char.IsLower(previousLetter))
                {
                    EndWord();
                }

                wordUppercase += char.IsUpper(c) ? 1 : 0;
                previousLetter = c;
                Append(char.ToLowerInvariant(c), isLetter: true);
            }
            else if (char.IsDigit(c))
            {
                Append(ArabicLetters.IsArabicDigit(c) ? (char)('0' + (int)char.GetNumericValue(c)) : c, isLetter: false);
            }
            else if (EmojiTokens.IsEmoji(c))
            {
                ReadCodePoint(c);
            }
            else if (c is UrlMark or UserMark)
            {
                EndWord();
                tokens.Add(c == UrlMark ? UrlToken : UserToken);
            }
            else if (c is >= SadEmoticonMark and <= ScornEmoticonMark)
            {
                EndWord();
                emoji++;
                tokens.Add(c switch
                {
                    SadEmoticonMark => "<mood:sad>",
                    LoveEmoticonMark => "<mood:love>",
                    ScornEmoticonMark => "<mood:scorn>",
                    _ => "<mood:happy>",
                });
            }
            else if (c is '!' or '?' or '؟')
            {
                EndWord();
                var mark = c == '!' ? "!" : "?";
                if (tokens.Count == 0 || tokens[^1] != mark)
                {
                    tokens.Add(mark);
                }
            }
            else
            {
                EndWord();
                inHashtag = c == '#';
            }
        }

        private void Append(char c, bool isLetter)
        {
            // "sooooo", "هههههه", "nooon": a stretched letter is emphasis; two copies keep the cue, not the length.
            var n = word.Length;
            if (n >= 2 && word[n - 1] == c && word[n - 2] == c)
            {
                elongated |= isLetter;
                return;
            }

            word.Append(c);
            wordHasLetter |= isLetter;
        }

        private void EndWord()
        {
            if (word.Length == 0)
            {
                return;
            }

            // A word of three or more capitals ("NEVER", "WORST") is shouting, a cue of anger.
            shouted |= wordUppercase >= 3 && wordUppercase >= word.Length;
            tokens.Add(wordHasLetter ? word.ToString() : NumberToken);
            word.Clear();
            wordHasLetter = false;
            wordUppercase = 0;
        }
    }
}
