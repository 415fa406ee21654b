using System.Globalization;
using Crisis.Contracts.Mentions;

namespace Crisis.Benchmarks.Chaos;

/// <summary>
/// The soak's mentions. Bulk traffic goes to brands with no history, posted "now", so the detector (two-hour warm-up)
/// watches them without paging; each buzz brand gets six hours of ordinary talk, then a 20-minute negative wave, then
/// calm, ending a minute before it is posted: one episode each, so one incident and one page round per buzz brand.
/// </summary>
public static class ChaosMentions
{
    private static readonly string[] Ordinary =
    [
        "Nouveaux horaires annoncés pour l'hiver", "Anyone tried their new app?", "أعلنت الشركة عن خدمة جديدة اليوم", "Merci pour la promo 👍",
    ];

    private static readonly string[] Negative =
    [
        "Worst service ever, I want my money back", "خدمة سيئة جدا، لا أحد يجيب", "Service client honteux, aucun remboursement 😡",
        "This company is a scam, never again",
    ];

    public static string Key(MentionObserved mention) => mention.Platform + ":" + mention.PostId;

    public static MentionObserved Bulk(string run, string brand, long sequence, Random random) => new()
    {
        Platform = "x",
        PostId = string.Create(CultureInfo.InvariantCulture, $"{run}-{sequence}"),
        BrandId = brand,
        Author = new MentionAuthor { Handle = string.Create(CultureInfo.InvariantCulture, $"@u{random.Next(200_000)}"), Followers = random.Next(10, 50_000) },
        Text = Ordinary[random.Next(Ordinary.Length)],
        PublishedAt = DateTimeOffset.UtcNow.AddSeconds(-random.Next(30)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    };

    public static List<MentionObserved> Buzz(string run, string brand, int seed)
    {
        var random = new Random(seed);
        var now = DateTime.UtcNow;
        var end = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(-1);
        var onset = end.AddMinutes(-40);
        var mentions = new List<MentionObserved>();
        for (var minute = end.AddHours(-6); minute < end; minute = minute.AddMinutes(1))
        {
            var wave = minute >= onset && minute < onset.AddMinutes(20);
            var count = 2 + random.Next(3) + (wave ? 60 : 0);
            for (var i = 0; i < count; i++)
            {
                var pool = (wave && random.NextDouble() < 0.9) || random.NextDouble() < 0.15 ? Negative : Ordinary;
                mentions.Add(new MentionObserved
                {
                    Platform = "x",
                    PostId = string.Create(CultureInfo.InvariantCulture, $"{run}-{brand}-{mentions.Count}"),
                    BrandId = brand,
                    Author = new MentionAuthor { Handle = string.Create(CultureInfo.InvariantCulture, $"@u{random.Next(20_000)}"), Followers = random.Next(10, 50_000) },
                    Text = pool[random.Next(pool.Length)],
                    PublishedAt = minute.AddSeconds(random.Next(60)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                });
            }
        }
        return [.. mentions.OrderBy(m => m.PublishedAt, StringComparer.Ordinal)];
    }
}
