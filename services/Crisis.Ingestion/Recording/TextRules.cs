using System.Globalization;

namespace Crisis.Ingestion.Recording;

/// <summary>Character-level rules for what we store: people read these strings, so no control characters or broken Unicode.</summary>
public static class TextRules
{
    public static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>No C0/C1 controls (tab and, when allowed, line breaks excepted), no lone surrogates, no U+FFFD left by a broken decoder.</summary>
    public static bool IsPrintable(string value, bool allowLineBreaks)
    {
        if (!IsWellFormedUtf16(value)) return false;
        foreach (var c in value)
        {
            if (c == '\t') continue;
            if (allowLineBreaks && c == '\n') continue;
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\uFFFD') return false;
        }
        return true;
    }

    /// <summary>ISO 8601 with an explicit offset or Z: a time without one is ambiguous and rejected.</summary>
    public static bool TryParseInstant(string value, out DateTimeOffset instant)
    {
        instant = default;
        var trimmed = value.Trim();
        var hasOffset = trimmed.EndsWith('Z') || trimmed.EndsWith('z')
            || (trimmed.Length > 6 && (trimmed[^6] == '+' || trimmed[^6] == '-') && trimmed[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out instant);
    }
}
