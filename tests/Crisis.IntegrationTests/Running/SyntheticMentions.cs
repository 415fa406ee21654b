using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Crisis.IntegrationTests.Running;

/// <summary>Builds mention payloads for the intake tests: multilingual, valid unless told otherwise.</summary>
public static class SyntheticMentions
{
    private static readonly string[] Texts =
    [
        "Acme a encore perdu ma valise, service client injoignable",
        "خدمة العملاء سيئة جدا، لا أحد يرد",
        "3lach ma tjawbouch? khdma khayba bzaf",
        "Worst customer service ever, I want my money back",
        "وعلاش هاد الشي؟ الخدمة ما كايناش 😡",
        "Merci pour la réponse rapide 👍",
    ];

    public static Dictionary<string, object?> Mention(string brandId, string postId, DateTimeOffset publishedAt, string platform = "x") => new()
    {
        ["platform"] = platform,
        ["postId"] = postId,
        ["brandId"] = brandId,
        ["author"] = new Dictionary<string, object?> { ["handle"] = $"user{postId.GetHashCode(StringComparison.Ordinal) & 0xFFF}", ["followers"] = 100 },
        ["text"] = Texts[Math.Abs(postId.GetHashCode(StringComparison.Ordinal)) % Texts.Length],
        ["publishedAt"] = publishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    };

    public static string Ndjson(IEnumerable<object> items)
    {
        var builder = new StringBuilder();
        foreach (var item in items) builder.Append(JsonSerializer.Serialize(item)).Append('\n');
        return builder.ToString();
    }
}
