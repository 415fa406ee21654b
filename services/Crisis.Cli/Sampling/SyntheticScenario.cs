using System.Globalization;
using Crisis.Contracts.Mentions;

namespace Crisis.Cli.Sampling;

/// <summary>
/// A deterministic scenario for the demo and the end-to-end tests, ending at a given minute: three brands with
/// their ordinary chatter (a loud one, a mid one, a quiet one) over a day and a half, so that the detector is
/// past its first-day warm-up when the buzz comes; one bad buzz ten hours before the end that cascades through replies, quotes and shares
/// from an influential author's complaint, then dies down; and one positive campaign spike seven hours before
/// the end that must page nobody.
/// </summary>
/// <remarks>The demo moves the buzz and the campaign close to the end, so that streaming the last stretch at accelerated
/// time lets the buzz be detected while a newcomer watches.</remarks>
public sealed class SyntheticScenario(DateTimeOffset end, int seed = 42, TimeSpan? buzzBeforeEnd = null, TimeSpan? campaignBeforeEnd = null)
{
    public static readonly TimeSpan DefaultBuzzBeforeEnd = TimeSpan.FromHours(10);
    public static readonly TimeSpan DefaultCampaignBeforeEnd = TimeSpan.FromHours(7);

    public const string BuzzBrand = "atlas-air";
    public const string CampaignBrand = "souk-market";
    public const string QuietBrand = "medina-telecom";

    public static readonly IReadOnlyDictionary<string, string> BrandNames = new Dictionary<string, string>
    {
        [BuzzBrand] = "Atlas Air",
        [CampaignBrand] = "Souk Market",
        [QuietBrand] = "Medina Telecom",
    };

    public static readonly TimeSpan Length = TimeSpan.FromHours(36);

    public DateTimeOffset Start { get; } = end - Length;

    public DateTimeOffset BuzzOnset { get; } = end - (buzzBeforeEnd ?? DefaultBuzzBeforeEnd);

    public DateTimeOffset CampaignStart { get; } = end - (campaignBeforeEnd ?? DefaultCampaignBeforeEnd);

    private readonly Random random = new(seed);
    private int nextPost;

    public IReadOnlyList<MentionObserved> Generate()
    {
        var mentions = new List<MentionObserved>();
        for (var minute = 0; minute < Length.TotalMinutes; minute++)
        {
            var at = Start.AddMinutes(minute);
            Chatter(mentions, BuzzBrand, at, perMinute: 3.0);
            Chatter(mentions, CampaignBrand, at, perMinute: 1.5);
            Chatter(mentions, QuietBrand, at, perMinute: 0.15);
            Buzz(mentions, at);
            Campaign(mentions, at);
        }
        return [.. mentions.OrderBy(m => m.PublishedAt, StringComparer.Ordinal)];
    }

    private void Chatter(List<MentionObserved> into, string brand, DateTimeOffset minute, double perMinute)
    {
        for (var i = Poisson(perMinute); i > 0; i--)
        {
            var roll = random.NextDouble();
            var pool = roll < 0.15 ? PostTemplates.Negative : roll < 0.35 ? PostTemplates.Positive : PostTemplates.Neutral;
            into.Add(Post(brand, minute, Pick(pool), followers: Followers()));
        }
    }

    /// <summary>An influencer's complaint, then a cascade that doubles every two and a half minutes for 12 minutes and decays over the next hour or two.</summary>
    private void Buzz(List<MentionObserved> into, DateTimeOffset minute)
    {
        var elapsed = (minute - BuzzOnset).TotalMinutes;
        if (elapsed < 0 || elapsed > 150) return;
        if (elapsed == 0)
        {
            into.Add(Post(BuzzBrand, minute, "Atlas Air a perdu le fauteuil roulant de ma mère et refuse de nous répondre. Honteux. #AtlasAir", followers: 250_000, id: "origin"));
            return;
        }
        var rate = elapsed <= 12 ? 8 * Math.Exp(elapsed / 3.6) : 8 * Math.Exp(12 / 3.6) * Math.Exp(-(elapsed - 12) / 15.0);
        for (var i = Poisson(rate); i > 0; i--)
        {
            var kind = random.Next(3);
            var post = Post(BuzzBrand, minute, Pick(random.NextDouble() < 0.85 ? PostTemplates.Negative : PostTemplates.Neutral), Followers());
            into.Add(kind switch
            {
                0 => post with { ReplyTo = $"{BuzzBrand}-origin" },
                1 => post with { QuoteOf = $"{BuzzBrand}-origin" },
                _ => post with { ShareOf = $"{BuzzBrand}-origin" },
            });
        }
    }

    private void Campaign(List<MentionObserved> into, DateTimeOffset minute)
    {
        var elapsed = (minute - CampaignStart).TotalMinutes;
        if (elapsed < 0 || elapsed > 40) return;
        for (var i = Poisson(25 * Math.Exp(-elapsed / 15.0)); i > 0; i--)
        {
            into.Add(Post(CampaignBrand, minute, Pick(PostTemplates.Positive), Followers()));
        }
    }

    private MentionObserved Post(string brand, DateTimeOffset minute, string template, long followers, string? id = null)
    {
        var postId = id is null ? (++nextPost).ToString("D7", CultureInfo.InvariantCulture) : id;
        var platforms = new[] { "x", "facebook", "instagram", "tiktok", "forum", "review" };
        return new MentionObserved
        {
            Platform = id is null ? platforms[random.Next(platforms.Length)] : "x",
            PostId = $"{brand}-{postId}",
            BrandId = brand,
            Author = new MentionAuthor { Handle = $"@user{random.Next(1, 40_000)}", Followers = followers },
            Text = string.Format(CultureInfo.InvariantCulture, template, BrandNames[brand]),
            PublishedAt = minute.AddSeconds(random.Next(60)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
    }

    private string Pick(string[] pool) => pool[random.Next(pool.Length)];

    /// <summary>Followers are heavy-tailed: most accounts are small, a few reach far.</summary>
    private long Followers() => (long)Math.Round(Math.Exp(4 + 1.8 * Normal()));

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private int Poisson(double mean)
    {
        // Knuth's method is fine for the small means used here.
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }
}
