using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Crisis.Benchmarks.Ingestion;

/// <summary>Realistic NDJSON request bodies (multilingual, 60-200 characters, heavy-tailed followers), built before timing starts.</summary>
public static class BenchmarkMentions
{
    private static readonly string[] Texts =
    [
        "Acme a encore perdu mes bagages, personne ne répond au service client depuis trois jours",
        "Worst experience ever with Acme, three hours on hold and still no refund for the cancelled flight",
        "خدمة العملاء سيئة جدا، ضاعت حقيبتي ولا أحد يجيب على الهاتف منذ يومين",
        "3lach ma tjawbouch? khedma khayba bzaf, 7chouma 3likom had l'mo3amala",
        "Merci pour la réponse rapide, problème réglé en dix minutes 👍",
        "واش كاين شي عرض هاد الشهر؟ بغيت نسافر مع العائلة",
    ];

    public static string[] Brands { get; } = Enumerable.Range(1, 10).Select(i => $"brand-{i:D2}").ToArray();

    public static List<byte[]> Bodies(int mentions, int perBody, DateTimeOffset start)
    {
        var bodies = new List<byte[]>();
        var random = new Random(7);
        var builder = new StringBuilder();
        for (var i = 0; i < mentions; i++)
        {
            var item = new Dictionary<string, object?>
            {
                ["platform"] = (i % 3) switch { 0 => "x", 1 => "facebook", _ => "instagram" },
                ["postId"] = i.ToString("D9", CultureInfo.InvariantCulture),
                ["brandId"] = Brands[i % Brands.Length],
                ["author"] = new Dictionary<string, object?> { ["handle"] = $"@user{random.Next(500_000)}", ["displayName"] = "Some One", ["followers"] = (long)Math.Exp(4 + 2 * random.NextDouble()) },
                ["text"] = Texts[random.Next(Texts.Length)],
                ["publishedAt"] = start.AddMilliseconds(i * 20L).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                ["url"] = $"https://example.com/p/{i}",
            };
            builder.Append(JsonSerializer.Serialize(item)).Append('\n');
            if ((i + 1) % perBody != 0 && i != mentions - 1) continue;
            bodies.Add(Encoding.UTF8.GetBytes(builder.ToString()));
            builder.Clear();
        }
        return bodies;
    }
}
