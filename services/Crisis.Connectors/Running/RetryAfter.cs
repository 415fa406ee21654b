using System.Globalization;
using System.Net.Http.Headers;

namespace Crisis.Connectors.Running;

/// <summary>How long a source asked us to wait: Retry-After (seconds or a date), else the rate-limit reset headers.</summary>
public static class RetryAfter
{
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } retry)
        {
            if (retry.Delta is { } delta) return Bounded(delta);
            if (retry.Date is { } date) return Bounded(date - now);
        }
        return FromRateLimit(name => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null, now);
    }

    public static TimeSpan? From(IReadOnlyDictionary<string, IEnumerable<string>>? headers, DateTimeOffset now)
    {
        if (headers is null) return null;
        string? Header(string name) =>
            headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (Header("Retry-After") is { } value)
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return Bounded(TimeSpan.FromSeconds(seconds));
            if (RetryConditionHeaderValue.TryParse(value, out var parsed) && parsed.Date is { } date) return Bounded(date - now);
        }
        return FromRateLimit(Header, now);
    }

    /// <summary>
    /// <c>x-ratelimit-reset</c> (X: a Unix time; Mastodon: an ISO time; Reddit: seconds left) when nothing remains of the window.
    /// </summary>
    private static TimeSpan? FromRateLimit(Func<string, string?> header, DateTimeOffset now)
    {
        var remaining = header("x-rate-limit-remaining") ?? header("x-ratelimit-remaining");
        var reset = header("x-rate-limit-reset") ?? header("x-ratelimit-reset");
        if (reset is null || remaining is null || !double.TryParse(remaining, NumberStyles.Float, CultureInfo.InvariantCulture, out var left) || left >= 1) return null;
        if (DateTimeOffset.TryParse(reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && reset.Contains('-', StringComparison.Ordinal)) return Bounded(at - now);
        if (!double.TryParse(reset, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return null;
        // A Unix time is a large number; seconds left are small.
        return Bounded(number > 1_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds((long)number) - now : TimeSpan.FromSeconds(number));
    }

    private static TimeSpan Bounded(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay > Longest ? Longest : delay;
}
