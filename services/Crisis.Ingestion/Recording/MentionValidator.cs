using System.Globalization;
using System.Text;
using Crisis.Contracts.Mentions;
using Crisis.Ingestion.Brands;
using Crisis.Ingestion.Mentions;
using Crisis.Ingestion.Scoring;
using Crisis.ServiceDefaults.Http.Validating;

namespace Crisis.Ingestion.Recording;

/// <summary>A mention that passed validation, with the line it came from, not yet scored.</summary>
public sealed record CandidateMention(int Line, string BrandId, RecordedMention Mention)
{
    /// <summary>What makes a mention the same one: the brand's, on a platform, by post id (as <c>mention_keys</c> is keyed).</summary>
    public string DeduplicationKey => KeyOf(BrandId, Mention.Platform.WireName(), Mention.PostId);

    /// <summary>Unambiguous: brand ids (slugs) and platform names hold no ':'; the post id, free text, comes last.</summary>
    public static string KeyOf(string brandId, string platform, string postId) => $"{brandId}:{platform}:{postId}";
}

/// <summary>
/// The one validation and normalisation rule set shared by the HTTP, bus and file intakes. Pure: the clock
/// and the brand directory are passed in, so the same input always gets the same verdict.
/// </summary>
public sealed class MentionValidator(IngestionLimits limits)
{
    private const int MaxIdLength = 256;
    private const int MaxHandleLength = 256;
    private const int MaxUrlLength = 2048;
    private const int MaxLanguageTagLength = 35;

    public (CandidateMention? Mention, IReadOnlyList<ItemError> Errors) Validate(
        MentionObserved item, int line, DateTimeOffset now, Func<string, bool> isKnownBrand)
    {
        var errors = new List<ItemError>();
        void Fail(string field, string reason) => errors.Add(new ItemError(line, field, reason));

        Platform platform = default;
        if (string.IsNullOrWhiteSpace(item.Platform)) Fail("platform", "is required");
        else if (!Platforms.TryParse(item.Platform, out platform)) Fail("platform", $"'{Shorten(item.Platform)}' is not a known platform; use one of: {Platforms.Accepted}");

        var postId = RequiredIdentifier(item.PostId, "postId", Fail);
        var brandId = item.BrandId?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(brandId)) Fail("brandId", "is required");
        else if (!BrandIds.IsWellFormed(brandId)) Fail("brandId", BrandIds.FormatRule);
        else if (!isKnownBrand(brandId)) Fail("brandId", $"brand '{brandId}' is not registered");

        var author = ValidateAuthor(item.Author, Fail);
        var text = ValidateText(item.Text, Fail);
        var language = ValidateLanguage(item.Language, Fail);
        var publishedAt = ValidatePublishedAt(item.PublishedAt, now, Fail);
        var url = ValidateUrl(item.Url, Fail);
        var replyTo = OptionalIdentifier(item.ReplyTo, "replyTo", Fail);
        var quoteOf = OptionalIdentifier(item.QuoteOf, "quoteOf", Fail);
        var shareOf = OptionalIdentifier(item.ShareOf, "shareOf", Fail);
        var sentiment = ValidateSentiment(item.Sentiment, Fail);

        if (errors.Count > 0) return (null, errors);

        var mention = new RecordedMention(
            platform, postId!, author!, text!, language, MentionLanguage.Unknown, publishedAt!.Value,
            url, replyTo, quoteOf, shareOf, sentiment, NegativeProbability: null, IsNegative: null);
        return (new CandidateMention(line, brandId!, mention), errors);
    }

    private static string? RequiredIdentifier(string? value, string field, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(value)) { fail(field, "is required"); return null; }
        return OptionalIdentifier(value, field, fail);
    }

    private static string? OptionalIdentifier(string? value, string field, Action<string, string> fail)
    {
        if (value is null) return null;
        var trimmed = value.Trim();
        if (trimmed.Length == 0) return null;
        if (trimmed.Length > MaxIdLength) { fail(field, $"is longer than {MaxIdLength} characters"); return null; }
        if (!InputRules.IsPrintable(trimmed, allowLineBreaks: false)) { fail(field, "contains control characters or invalid Unicode"); return null; }
        return trimmed;
    }

    private static MentionAuthorProfile? ValidateAuthor(MentionAuthor? author, Action<string, string> fail)
    {
        if (author is null) { fail("author", "is required (at least author.handle)"); return null; }
        var handle = RequiredIdentifier(author.Handle, "author.handle", fail);
        if (handle is { Length: > MaxHandleLength }) { fail("author.handle", $"is longer than {MaxHandleLength} characters"); return null; }
        string? displayName = null;
        if (!string.IsNullOrWhiteSpace(author.DisplayName))
        {
            displayName = author.DisplayName.Trim().Normalize(NormalizationForm.FormC);
            if (displayName.Length > MaxHandleLength) { fail("author.displayName", $"is longer than {MaxHandleLength} characters"); return null; }
            if (!InputRules.IsPrintable(displayName, allowLineBreaks: false)) { fail("author.displayName", "contains control characters or invalid Unicode"); return null; }
        }
        if (author.Followers is < 0) { fail("author.followers", "must be zero or more"); return null; }
        return handle is null ? null : new MentionAuthorProfile(handle, displayName, author.Followers);
    }

    private string? ValidateText(string? value, Action<string, string> fail)
    {
        if (value is null) { fail("text", "is required"); return null; }
        if (!InputRules.IsWellFormedUtf16(value)) { fail("text", "contains invalid Unicode (a lone surrogate)"); return null; }
        var text = value.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Normalize(NormalizationForm.FormC);
        if (text.Length == 0) { fail("text", "is empty"); return null; }
        if (text.Length > limits.MaxTextLength) { fail("text", $"is {text.Length} characters long; the limit is {limits.MaxTextLength}"); return null; }
        if (!InputRules.IsPrintable(text, allowLineBreaks: true)) { fail("text", "contains control characters or undecodable bytes (U+FFFD)"); return null; }
        return text;
    }

    private static string? ValidateLanguage(string? value, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var tag = value.Trim().ToLowerInvariant();
        if (tag.Length > MaxLanguageTagLength || !tag.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            fail("language", $"'{Shorten(value)}' is not a language tag such as 'ar', 'ar-ma', 'fr' or 'en'");
            return null;
        }
        return tag;
    }

    private DateTimeOffset? ValidatePublishedAt(string? value, DateTimeOffset now, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(value)) { fail("publishedAt", "is required"); return null; }
        if (!InputRules.TryParseInstant(value, out var instant))
        {
            fail("publishedAt", $"'{Shorten(value)}' is not an ISO 8601 time with an offset, such as 2026-11-27T09:30:00Z");
            return null;
        }
        if (instant > now + limits.MaxClockSkew) { fail("publishedAt", $"{value} is in the future (now is {now.UtcDateTime:O})"); return null; }
        if (instant < limits.EarliestPublishedAt) { fail("publishedAt", $"{value} is before {limits.EarliestPublishedAt.UtcDateTime:yyyy-MM-dd}"); return null; }
        return instant.ToUniversalTime();
    }

    private static string? ValidateUrl(string? value, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        if (!InputRules.IsHttpUrl(trimmed, MaxUrlLength))
        {
            fail("url", "must be an absolute http or https URL of at most 2048 characters");
            return null;
        }
        return trimmed;
    }

    private static UpstreamSentiment? ValidateSentiment(MentionSentiment? value, Action<string, string> fail)
    {
        if (value is null) return null;
        // By name only: Enum.TryParse would also read numbers and "Neutral, Positive" (an undefined flag combination).
        var name = Enum.GetNames<SentimentLabel>().FirstOrDefault(n => string.Equals(n, value.Label?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            fail("sentiment.label", "must be negative, neutral or positive");
            return null;
        }
        if (value.Score is { } score && (double.IsNaN(score) || score < 0 || score > 1))
        {
            fail("sentiment.score", "must be between 0 and 1");
            return null;
        }
        return new UpstreamSentiment(Enum.Parse<SentimentLabel>(name), value.Score);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
