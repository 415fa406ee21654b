using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Crisis.OperationsTests.Scenario;

/// <summary>
/// Six hours of ordinary talk about a brand, then a 20-minute wave of negative posts, then calm: enough for the
/// detector (with a two-hour warm-up, see <see cref="WriteDetectorOptions"/>) to open an episode and page. Times
/// end a minute ago, so the wave's buckets are decided as soon as the last mentions are in.
/// </summary>
public static class BuzzScenario
{
    private static readonly string[] Negative =
    [
        "Worst service ever, I want my money back", "خدمة سيئة جدا، لا أحد يجيب", "Service client honteux, aucun remboursement 😡",
        "This company is a scam, never again",
    ];

    private static readonly string[] Ordinary =
    [
        "Nouveaux horaires annoncés pour l'hiver", "Anyone tried their new app?", "أعلنت الشركة عن خدمة جديدة اليوم", "Merci pour la promo 👍",
    ];

    public static List<Dictionary<string, object?>> Mentions(string brand, int seed = 5)
    {
        var random = new Random(seed);
        var end = new DateTimeOffset(DateTime.UtcNow.Ticks - DateTime.UtcNow.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(-1);
        var onset = end.AddMinutes(-40);
        var mentions = new List<Dictionary<string, object?>>();
        for (var minute = end.AddHours(-6); minute < end; minute = minute.AddMinutes(1))
        {
            var wave = minute >= onset && minute < onset.AddMinutes(20);
            var count = 2 + random.Next(3) + (wave ? 60 : 0);
            for (var i = 0; i < count; i++)
            {
                var pool = (wave && random.NextDouble() < 0.9) || random.NextDouble() < 0.15 ? Negative : Ordinary;
                mentions.Add(new Dictionary<string, object?>
                {
                    ["platform"] = "x",
                    ["postId"] = $"{brand}-{mentions.Count}",
                    ["brandId"] = brand,
                    ["author"] = new Dictionary<string, object?> { ["handle"] = $"@u{random.Next(20_000)}", ["followers"] = random.Next(10, 50_000) },
                    ["text"] = pool[random.Next(pool.Length)],
                    ["publishedAt"] = minute.AddSeconds(random.Next(60)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                });
            }
        }
        return [.. mentions.OrderBy(m => (string)m["publishedAt"]!, StringComparer.Ordinal)];
    }

    /// <summary>The default detector options with a two-hour warm-up, written to a file for <c>Detection:OptionsFile</c>.</summary>
    public static string WriteDetectorOptions(string directory)
    {
        var defaults = Path.Combine(Crisis.IntegrationTests.Running.TestServers.RepositoryRoot, "docs", "detector-options.default.json");
        var options = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(defaults))!;
        options["WarmUp"] = JsonSerializer.SerializeToElement("02:00:00");
        options["MinimumHistory"] = JsonSerializer.SerializeToElement("01:00:00");
        var path = Path.Combine(directory, "detector-options.json");
        File.WriteAllText(path, JsonSerializer.Serialize(options));
        return path;
    }

    public static StringContent Ndjson(IEnumerable<Dictionary<string, object?>> mentions)
    {
        var body = new StringBuilder();
        foreach (var mention in mentions) body.Append(JsonSerializer.Serialize(mention)).Append('\n');
        var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return content;
    }
}
