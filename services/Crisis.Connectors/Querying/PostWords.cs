using System.Globalization;

namespace Crisis.Connectors.Querying;

/// <summary>
/// How text is cut into words, for queries and posts alike, so that a query term always means what a post can contain:
/// runs of letters, digits and combining marks (Arabic, Latin, Arabizi digits), lower-cased; anything else separates.
/// </summary>
public static class PostWords
{
    public static bool IsWordChar(char c)
    {
        if (char.IsLetterOrDigit(c) || c == '_') return true;
        var category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>Characters an @handle may hold after its first: dots and dashes (Bluesky domains), '@' (Mastodon's user@server).</summary>
    public static bool IsHandleChar(char c) => IsWordChar(c) || c is '.' or '-' or '@';

    /// <summary>The lower-case words of a piece of query text.</summary>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var lowered = text.ToLowerInvariant();
        var start = -1;
        for (var i = 0; i <= lowered.Length; i++)
        {
            var inWord = i < lowered.Length && IsWordChar(lowered[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(lowered[start..i]);
                start = -1;
            }
        }
        return words;
    }

    /// <summary>A handle as compared: lower case, without a leading '@' or trailing dots.</summary>
    public static string NormaliseHandle(string handle) => handle.Trim().TrimStart('@').TrimEnd('.', '-').ToLowerInvariant();
}
