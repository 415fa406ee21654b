using System.Globalization;

namespace Crisis.ServiceDefaults.Http.Validating;

/// <summary>
/// The character-, identifier-, URL- and time-level rules every input obeys, whichever door it came through (HTTP body,
/// route, query string, bus message, file): people read these strings on terminals and dashboards, and PostgreSQL refuses
/// some of them (NUL, lone surrogates), so they are refused at the door with the reason, never stored half.
/// </summary>
public static class InputRules
{
    /// <summary>Client-chosen ids: what a URL path segment can carry unescaped and a terminal prints as is.</summary>
    public const int MaxIdentifierLength = 128;

    public const string IdentifierRule =
        "must be 1 to 128 characters of A-Z, a-z, 0-9, '-', '_', '.' and ':', starting with a letter or digit";

    /// <summary>Instants outside these bounds are typing mistakes or probes; the bounds keep every date sum in range.</summary>
    public static readonly DateTimeOffset EarliestInstant = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset LatestInstant = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string InstantRule = "must be an ISO 8601 time with an offset, such as 2026-11-27T09:30:00Z, between 2000 and 2100";

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

    /// <summary>Why a text is refused, or null: control characters, broken Unicode, or more than <paramref name="maxLength"/>.</summary>
    public static string? TextProblem(string value, int maxLength, bool allowLineBreaks)
    {
        if (value.Length > maxLength) return $"is {value.Length} characters long; the limit is {maxLength}";
        if (!IsWellFormedUtf16(value)) return "contains invalid Unicode (a lone surrogate)";
        // Windows line ends are line breaks too; a lone carriage return is a control character (it rewrites a terminal line).
        return IsPrintable(allowLineBreaks ? value.Replace("\r\n", "\n", StringComparison.Ordinal) : value, allowLineBreaks)
            ? null
            : allowLineBreaks
                ? "contains control characters (only tab and line breaks are allowed) or U+FFFD"
                : "contains control characters or line breaks, or U+FFFD";
    }

    public static bool IsIdentifier(string value) =>
        value.Length is > 0 and <= MaxIdentifierLength
        && char.IsAsciiLetterOrDigit(value[0])
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    /// <summary>Only absolute http(s) URLs: <c>javascript:</c>, <c>data:</c>, <c>file:</c> and relative forms never reach a link.</summary>
    public static bool IsHttpUrl(string value, int maxLength = 2048) =>
        value.Length <= maxLength
        && IsPrintable(value, allowLineBreaks: false)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>ISO 8601 (yyyy-MM-ddTHH:mm[:ss[.fff]]) with an explicit offset or Z: a time without one is ambiguous and refused, as is a local format.</summary>
    public static bool TryParseInstant(string value, out DateTimeOffset instant)
    {
        instant = default;
        var trimmed = value.Trim();
        // A '+' offset typed into a query string arrives decoded as a space ("…T10:00:00 01:00"): read it as the '+' it was.
        if (trimmed.Length > 6 && trimmed[^6] == ' ' && trimmed[^3] == ':' && char.IsAsciiDigit(trimmed[^5])) trimmed = string.Concat(trimmed.AsSpan(0, trimmed.Length - 6), "+", trimmed.AsSpan(trimmed.Length - 5));
        var hasOffset = trimmed.EndsWith('Z') || trimmed.EndsWith('z')
            || (trimmed.Length > 6 && (trimmed[^6] == '+' || trimmed[^6] == '-') && trimmed[^3] == ':');
        // The date part must be ISO (yyyy-MM-ddT…): "06/12/2026 10:00:00 +00:00" parses under the invariant culture as June 12.
        var isoDate = trimmed.Length >= 16 && char.IsAsciiDigit(trimmed[0]) && trimmed[4] == '-' && trimmed[7] == '-' && trimmed[10] is 'T' or 't' or ' ';
        return hasOffset && isoDate
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out instant)
            && IsPlausible(instant);
    }

    /// <summary>An optional instant from a query string: null when absent; when present but not one, the reason goes into <paramref name="errors"/>.</summary>
    public static DateTimeOffset? OptionalInstant(string? value, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (TryParseInstant(value, out var instant)) return instant.ToUniversalTime();
        errors[field] = [$"'{(value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…"))}' {InstantRule}"];
        return null;
    }

    public static bool IsPlausible(DateTimeOffset instant) => instant >= EarliestInstant && instant < LatestInstant;
}
