using System.Globalization;

namespace Crisis.Detection.Evaluating.Scenarios;

/// <summary>
/// Draws one brand's stream with its truth from a seed (same seed, same stream). The kind cycles with the seed
/// (<see cref="ScenarioKinds.All"/>); everything else is drawn:
/// <list type="bullet">
/// <item>chatter from 0.1 to 10 mentions a minute (log-uniform), a daily cycle of random depth and peak hour, half-hourly
/// overdispersion, an ordinary share of negative, neutral and positive posts, and small reply threads (each post begets a
/// few replies, so chatter clusters as it does in life), with now and then a popular post drawing 10 to 80 answers in the
/// brand's usual tone;</item>
/// <item>a cascade: one negative post of an author with 5,000 to 1,000,000 followers, then a self-exciting process: each post
/// begets replies, quotes and shares after exponential delays, with a branching ratio that is high at first and fades, and
/// more offspring for authors who reach further; 60-90 % of the cascade is negative;</item>
/// <item>a slow burn (brands of 1 mention a minute and more): the negative share rises by 20-40 points over a third of a
/// 2-12 hour episode and holds, while volume rises by at most half;</item>
/// <item>a positive campaign: a post of 100,000 to 2,000,000 followers, then a mostly positive burst 5-20 times the
/// brand's rate decaying within the hour, half of it sharing the campaign's post and a fifth replying to it;</item>
/// <item>a trending-hashtag spike: 3-10 times the volume for 30-120 minutes from small accounts, at the ordinary share;</item>
/// <item>new brands: history starts 4 to 20 hours before the cascade (or, calm, less than a day before the end).</item>
/// </list>
/// Texts come from a <see cref="ScenarioTextPool"/>, so negativity is what the model says of real posts.
/// </summary>
public sealed class ScenarioGenerator(ScenarioTextPool texts)
{
    /// <summary>Every stream ends here (a Monday); the daily cycle's peak hour is drawn, so the calendar does not matter.</summary>
    public static readonly DateTimeOffset End = new(2026, 3, 9, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Length = TimeSpan.FromDays(3);

    private const int MaxCascadePosts = 20_000;

    public ScenarioStream Generate(int seed)
    {
        var kind = ScenarioKinds.All[(int)((uint)seed % ScenarioKinds.All.Length)];
        var run = new Run(texts, new Random(seed), seed, kind);
        return run.Build();
    }

    private sealed class Run(ScenarioTextPool texts, Random random, int seed, ScenarioKind kind)
    {
        private readonly List<ScenarioMention> posts = [];
        private readonly string brand = string.Create(CultureInfo.InvariantCulture, $"scenario-{seed}");
        // About one popular post a day on a brand of 1 mention a minute, more on louder brands.
        private const double PopularPostChance = 1.0 / 1440;
        private int nextPost;
        private int eventPosts;
        private bool inEvent;
        private double rate;
        private double cycleDepth;
        private double peakHour;
        private double negativeShare;
        private double positiveShare;

        public ScenarioStream Build()
        {
            rate = kind == ScenarioKind.SlowBurn ? LogUniform(1, 10) : LogUniform(0.1, 10);
            cycleDepth = Uniform(0.3, 0.8);
            peakHour = Uniform(10, 22);
            negativeShare = Uniform(0.15, 0.4);
            positiveShare = Uniform(0.15, 0.35);

            var end = End;
            var start = end - Length;
            DateTimeOffset? onset = null;
            DateTimeOffset? eventEnd = null;
            switch (kind)
            {
                case ScenarioKind.Calm:
                    Chatter(start, end);
                    break;
                case ScenarioKind.NewBrandCalm:
                    start = end - TimeSpan.FromHours(Uniform(6, 23));
                    Chatter(start, end);
                    break;
                case ScenarioKind.Cascade:
                case ScenarioKind.NewBrandCascade:
                    onset = Minute(end - TimeSpan.FromHours(Uniform(8, 30)));
                    if (kind == ScenarioKind.NewBrandCascade) start = Minute(onset.Value - TimeSpan.FromHours(Uniform(4, 20)));
                    eventEnd = onset + TimeSpan.FromHours(6);
                    Chatter(start, end);
                    inEvent = true;
                    Cascade(onset.Value, end);
                    break;
                case ScenarioKind.SlowBurn:
                    onset = Minute(end - TimeSpan.FromHours(Uniform(14, 30)));
                    var duration = TimeSpan.FromHours(Uniform(2, 12));
                    eventEnd = onset + duration + TimeSpan.FromHours(2);
                    Chatter(start, onset.Value);
                    SlowBurn(onset.Value, duration, end);
                    break;
                case ScenarioKind.Campaign:
                    onset = Minute(end - TimeSpan.FromHours(Uniform(8, 30)));
                    eventEnd = onset + TimeSpan.FromHours(3);
                    Chatter(start, end);
                    inEvent = true;
                    Campaign(onset.Value);
                    break;
                case ScenarioKind.TrendingSpike:
                    onset = Minute(end - TimeSpan.FromHours(Uniform(8, 30)));
                    var spike = TimeSpan.FromMinutes(Uniform(30, 120));
                    eventEnd = onset + spike + TimeSpan.FromHours(2);
                    Chatter(start, end);
                    inEvent = true;
                    Trending(onset.Value, spike);
                    break;
            }
            posts.RemoveAll(p => p.PublishedAt < start || p.PublishedAt >= end);
            posts.Sort((a, b) => a.PublishedAt.CompareTo(b.PublishedAt) is var byTime and not 0 ? byTime : string.CompareOrdinal(a.PostId, b.PostId));
            return new ScenarioStream(seed, kind, brand, rate, start, end, onset, eventEnd, posts) { EventMentions = eventPosts };
        }

        /// <summary>Mentions a minute at <paramref name="at"/>: the brand's rate times its daily cycle (mean 1 over a day).</summary>
        private double RateAt(DateTimeOffset at)
        {
            var hour = at.UtcDateTime.TimeOfDay.TotalHours;
            return rate * (1 + cycleDepth * Math.Cos(2 * Math.PI * (hour - peakHour) / 24));
        }

        private void Chatter(DateTimeOffset from, DateTimeOffset to) => Chatter(from, to, _ => (1.0, negativeShare));

        /// <param name="shape">Per minute: the volume multiplier and the negative share.</param>
        private void Chatter(DateTimeOffset from, DateTimeOffset to, Func<DateTimeOffset, (double Volume, double NegativeShare)> shape)
        {
            var burst = 1.0;
            for (var minute = from; minute < to; minute = minute.AddMinutes(1))
            {
                // Half-hourly overdispersion: a mean-one log-normal factor, so counts vary more than Poisson's.
                if (minute.Minute % 30 == 0 || minute == from) burst = Math.Exp(0.3 * Normal() - 0.045);
                var (volume, share) = shape(minute);
                for (var i = Poisson(RateAt(minute) * burst * volume); i > 0; i--)
                {
                    var label = Label(share, positiveShare * (1 - share) / Math.Max(1e-9, 1 - negativeShare));
                    var post = Add(Second(minute), label, OrdinaryFollowers());
                    if (random.NextDouble() < PopularPostChance) PopularThread(post);
                    else Thread(post, label);
                }
            }
        }

        /// <summary>Small reply threads of ordinary chatter: a few answers, mostly in the parent's tone.</summary>
        private void Thread(ScenarioMention parent, SentimentLabel label)
        {
            for (var i = Poisson(0.25); i > 0; i--)
            {
                var at = parent.PublishedAt + TimeSpan.FromMinutes(Exponential(6));
                var replyLabel = random.NextDouble() < 0.6 ? label : Label(negativeShare, positiveShare);
                Add(at, replyLabel, OrdinaryFollowers(), replyTo: parent.PostId);
            }
        }

        /// <summary>
        /// A popular post in ordinary talk: 10 to 80 answers within the hour, in the brand's usual tone (a viral post that
        /// mentions the brand, a brand's own announcement). Detection must not take every crowd for a crisis.
        /// </summary>
        private void PopularThread(ScenarioMention parent)
        {
            var answers = (int)LogUniform(10, 80);
            var delay = Uniform(3, 15);
            for (var i = 0; i < answers; i++)
            {
                var at = parent.PublishedAt + TimeSpan.FromMinutes(Exponential(delay));
                var link = random.NextDouble();
                Add(at, Label(negativeShare, positiveShare), OrdinaryFollowers(),
                    replyTo: link < 0.5 ? parent.PostId : null, quoteOf: link is >= 0.5 and < 0.7 ? parent.PostId : null, shareOf: link >= 0.7 ? parent.PostId : null);
            }
        }

        private void Cascade(DateTimeOffset onset, DateTimeOffset end)
        {
            var seedFollowers = (long)LogUniform(5_000, 1_000_000);
            var negative = Uniform(0.6, 0.9);
            var branching = Uniform(0.7, 1.0);
            var fading = TimeSpan.FromMinutes(Uniform(30, 120));
            var delay = Uniform(2, 5);
            // The seed's direct audience grows with its reach and with the brand's own community.
            var direct = (6 + 8 * Math.Sqrt(rate)) * Math.Pow(seedFollowers / 5_000.0, 0.4);
            var root = Add(onset + TimeSpan.FromSeconds(random.Next(60)), SentimentLabel.Negative, seedFollowers);
            var pending = new Queue<(ScenarioMention Post, double Offspring)>();
            pending.Enqueue((root, direct));
            var generated = 0;
            while (pending.Count > 0 && generated < MaxCascadePosts)
            {
                var (parent, mean) = pending.Dequeue();
                for (var i = Poisson(mean); i > 0 && generated < MaxCascadePosts; i--)
                {
                    var at = parent.PublishedAt + TimeSpan.FromMinutes(Exponential(delay));
                    if (at >= end) continue;
                    var label = random.NextDouble() < negative ? SentimentLabel.Negative : random.NextDouble() < 0.6 ? SentimentLabel.Neutral : SentimentLabel.Positive;
                    var followers = OrdinaryFollowers();
                    var link = random.NextDouble();
                    var child = Add(at, label, followers,
                        replyTo: link < 0.4 ? parent.PostId : null, quoteOf: link is >= 0.4 and < 0.6 ? parent.PostId : null, shareOf: link >= 0.6 ? parent.PostId : null);
                    generated++;
                    // Branching fades with time since the seed; authors who reach further beget more.
                    var fade = Math.Exp(-(at - onset).TotalMinutes / fading.TotalMinutes);
                    var reach = Math.Clamp(Math.Log10(1 + followers) / 2.0, 0.2, 3);
                    pending.Enqueue((child, branching * fade * reach));
                }
            }
        }

        private void SlowBurn(DateTimeOffset onset, TimeSpan duration, DateTimeOffset end)
        {
            var rise = Uniform(0.2, 0.4);
            var growth = Uniform(0, 0.5);
            var ramp = duration / 3;
            var settle = TimeSpan.FromHours(1);
            Chatter(onset, end, minute =>
            {
                var elapsed = minute - onset;
                var level = elapsed < ramp ? elapsed / ramp
                    : elapsed < duration ? 1
                    : Math.Max(0, 1 - (elapsed - duration) / settle);
                return (1 + growth * level, Math.Min(0.95, negativeShare + rise * level));
            });
        }

        private void Campaign(DateTimeOffset onset)
        {
            var post = Add(onset + TimeSpan.FromSeconds(random.Next(60)), SentimentLabel.Positive, (long)LogUniform(100_000, 2_000_000));
            var peak = rate * Uniform(5, 20) + Uniform(3, 10);
            var decay = Uniform(10, 25);
            for (var minute = 0; minute < 60; minute++)
            {
                var at = onset.AddMinutes(minute);
                for (var i = Poisson(peak * Math.Exp(-minute / decay)); i > 0; i--)
                {
                    var roll = random.NextDouble();
                    var label = roll < 0.75 ? SentimentLabel.Positive : roll < 0.95 ? SentimentLabel.Neutral : SentimentLabel.Negative;
                    // Half the burst shares the campaign's post and a fifth replies to it: a campaign is a thread too, in praise.
                    var link = random.NextDouble();
                    Add(Second(at), label, OrdinaryFollowers(), replyTo: link < 0.2 ? post.PostId : null, shareOf: link is >= 0.2 and < 0.7 ? post.PostId : null);
                }
            }
        }

        private void Trending(DateTimeOffset onset, TimeSpan length)
        {
            var height = Uniform(3, 10) - 1;
            for (var minute = 0; minute < length.TotalMinutes; minute++)
            {
                var at = onset.AddMinutes(minute);
                var bump = Math.Sin(Math.PI * minute / length.TotalMinutes);
                for (var i = Poisson(RateAt(at) * height * bump); i > 0; i--)
                    Add(Second(at), Label(negativeShare, positiveShare), (long)Math.Round(Math.Exp(3 + Normal())));
            }
        }

        private ScenarioMention Add(DateTimeOffset at, SentimentLabel label, long followers, string? replyTo = null, string? quoteOf = null, string? shareOf = null)
        {
            var text = texts.Draw(label, random);
            var post = new ScenarioMention(
                string.Create(CultureInfo.InvariantCulture, $"{brand}-{++nextPost:D7}"), at,
                string.Create(CultureInfo.InvariantCulture, $"@u{random.Next(1, 200_000)}"), followers,
                text.Text, text.Language, text.IsNegative, label, replyTo, quoteOf, shareOf);
            posts.Add(post);
            if (inEvent) eventPosts++;
            return post;
        }

        private SentimentLabel Label(double negative, double positive)
        {
            var roll = random.NextDouble();
            return roll < negative ? SentimentLabel.Negative : roll < negative + positive ? SentimentLabel.Positive : SentimentLabel.Neutral;
        }

        private static DateTimeOffset Minute(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

        private DateTimeOffset Second(DateTimeOffset minute) => minute + TimeSpan.FromSeconds(random.Next(60));

        /// <summary>Followers are heavy-tailed: most accounts are small (median 55), a few reach far.</summary>
        private long OrdinaryFollowers() => (long)Math.Round(Math.Exp(4 + 1.8 * Normal()));

        private double Uniform(double from, double to) => from + (to - from) * random.NextDouble();

        private double LogUniform(double from, double to) => Math.Exp(Uniform(Math.Log(from), Math.Log(to)));

        private double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());

        private double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        private int Poisson(double mean)
        {
            if (mean <= 0) return 0;
            if (mean > 30) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal()));
            var limit = Math.Exp(-mean);
            var k = 0;
            for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
            return k;
        }
    }
}
