using System.Globalization;

namespace Crisis.ServiceDefaults.Security.IssuingTokens;

/// <summary>Lifetimes as people type them: <c>30m</c>, <c>8h</c>, <c>7d</c>; at most a year (a longer one is a forgotten credential).</summary>
public static class TokenLifetime
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    public static bool TryParse(string? text, out TimeSpan lifetime)
    {
        lifetime = default;
        text = text?.Trim() ?? "";
        if (text.Length < 2) return false;
        if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0) return false;
        TimeSpan? parsed = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
        if (parsed is not { } value || value > Longest) return false;
        lifetime = value;
        return true;
    }
}
