using System.Globalization;
using System.Text.RegularExpressions;

namespace Crisis.ServiceDefaults.Localisation;

/// <summary>The digits a text is written with: Arabic readers use either Arabic-Indic (٠١٢) or Latin (012) digits.</summary>
public enum DigitSystem
{
    Latin,
    ArabicIndic,
}

/// <summary>
/// A language people read Crisis in (English, French, Arabic), with its digits. Parsed once from a BCP 47 tag at the
/// boundary (a query parameter, a header, an on-call file): "fr", "fr-CA", "ar-DZ", "ar-u-nu-latn"; anything else is
/// refused there, so code past it holds only supported languages.
/// </summary>
public sealed partial record UiLanguage
{
    public static readonly UiLanguage English = new("en", DigitSystem.Latin);
    public static readonly UiLanguage French = new("fr", DigitSystem.Latin);
    public static readonly UiLanguage Arabic = new("ar", DigitSystem.ArabicIndic);

    /// <summary>The languages catalogues must cover, by code. Adding one: docs/localisation.md.</summary>
    public static readonly IReadOnlyList<string> Supported = ["en", "fr", "ar"];

    public const string Rule = "must be a language tag of a supported language (en, fr or ar; for example fr-FR, ar-DZ, ar-u-nu-latn)";

    private UiLanguage(string code, DigitSystem digits)
    {
        Code = code;
        Digits = digits;
    }

    /// <summary>en, fr or ar.</summary>
    public string Code { get; }

    public DigitSystem Digits { get; }

    public bool IsRightToLeft => Code == "ar";

    /// <summary>The HTML dir attribute's value.</summary>
    public string Direction => IsRightToLeft ? "rtl" : "ltr";

    /// <summary>The tag a browser's Intl would format with (the digits as a Unicode extension when not the language's default).</summary>
    public string Tag => Code == "ar" && Digits == DigitSystem.Latin ? "ar-u-nu-latn" : Code;

    public static bool TryParse(string? tag, out UiLanguage language)
    {
        language = English;
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > 35 || !TagGrammar().IsMatch(tag.Trim())) return false;
        var parts = tag.Trim().Replace('_', '-').ToLowerInvariant().Split('-');
        var code = parts[0];
        if (!Supported.Contains(code)) return false;
        var digits = code == "ar" ? DigitSystem.ArabicIndic : DigitSystem.Latin;
        // A -u-nu-<system> extension chooses the digits: "latn" or "arab"; others are refused rather than ignored.
        var u = Array.IndexOf(parts, "u");
        if (u >= 0)
        {
            var nu = Array.IndexOf(parts, "nu", u);
            if (nu >= 0)
            {
                DigitSystem? chosen = nu + 1 < parts.Length ? parts[nu + 1] switch { "latn" => DigitSystem.Latin, "arab" => DigitSystem.ArabicIndic, _ => null } : null;
                if (chosen is not { } known) return false;
                digits = known;
            }
        }
        var standard = code switch { "fr" => French, "ar" => Arabic, _ => English };
        language = standard.Digits == digits ? standard : new UiLanguage(code, digits);
        return true;
    }

    /// <summary>
    /// The first supported language of an Accept-Language header, in the client's order of preference (q-values
    /// honoured); null when none is supported. Malformed entries are skipped: the header is a preference, not a command.
    /// </summary>
    public static UiLanguage? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var ranked = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(20)
            .Select((entry, index) =>
            {
                var pieces = entry.Split(';', StringSplitOptions.TrimEntries);
                var q = 1.0;
                foreach (var p in pieces.Skip(1))
                    if (p.StartsWith("q=", StringComparison.OrdinalIgnoreCase) && double.TryParse(p[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) q = v;
                return (Tag: pieces[0], Q: q, Index: index);
            })
            .Where(x => x.Q > 0)
            .OrderByDescending(x => x.Q).ThenBy(x => x.Index);
        foreach (var (tag, _, _) in ranked)
            if (TryParse(tag, out var language)) return language;
        return null;
    }

    /// <summary>
    /// The language of a POSIX locale ("fr_FR.UTF-8", "ar_DZ.UTF-8"), as a terminal states it; null for "C", "POSIX" or a
    /// language not supported (a preference of the environment, not a command: the caller falls back to English).
    /// </summary>
    public static UiLanguage? FromPosixLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale)) return null;
        var tag = locale.Trim().Split('.', '@')[0];
        return tag is "C" or "POSIX" || !TryParse(tag, out var language) ? null : language;
    }

    private static readonly string[] PosixLocaleVariables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    /// <summary>The language a command-line user reads, from LC_ALL, else LC_MESSAGES, else LANG (the first one set decides, as POSIX has it).</summary>
    public static UiLanguage? FromPosixEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var set = PosixLocaleVariables.Select(variable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        return FromPosixLocale(set);
    }

    /// <summary>A number in this language's digits (invariant formatting, then the digits and the decimal separator mapped).</summary>
    public string Number(double value, string format = "0.#") => Localise(value.ToString(format, CultureInfo.InvariantCulture));

    public string Number(long value) => Localise(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Maps the ASCII digits of a text already formatted (a figure, a time) to this language's digits; ids and URLs are never passed here.</summary>
    public string Localise(string formatted)
    {
        if (Digits == DigitSystem.Latin) return formatted;
        return string.Create(formatted.Length, formatted, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '0' and <= '9' ? (char)('٠' + (c - '0')) : c == '.' && i > 0 && char.IsAsciiDigit(source[i - 1]) ? '٫' : c;
            }
        });
    }

    public override string ToString() => Tag;

    [GeneratedRegex("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")]
    private static partial Regex TagGrammar();
}
