using Crisis.Detection.Signals;
using Crisis.Ingestion.Scoring;

namespace Crisis.Detection.Tests.Monitoring;

/// <summary>Builds mention signals minute by minute: a Poisson baseline per brand, plus waves.</summary>
public sealed class SignalScenario(DateTimeOffset start, int seed = 11)
{
    private readonly Random random = new(seed);
    private readonly List<MentionSignal> mentions = [];
    private int next;

    public DateTimeOffset Start => start;

    public SignalScenario Baseline(string brand, double perMinute, TimeSpan length, double negativeShare = 0.15)
    {
        for (var minute = 0; minute < length.TotalMinutes; minute++) Add(brand, start.AddMinutes(minute), Poisson(perMinute), negativeShare);
        return this;
    }

    /// <summary>A sudden wave: <paramref name="perMinute"/> extra mentions a minute from <paramref name="onset"/>, for <paramref name="length"/>.</summary>
    public SignalScenario Wave(string brand, DateTimeOffset onset, double perMinute, TimeSpan length, double negativeShare)
    {
        for (var minute = 0; minute < length.TotalMinutes; minute++) Add(brand, onset.AddMinutes(minute), Poisson(perMinute), negativeShare);
        return this;
    }

    /// <summary>
    /// A thread: one post at <paramref name="onset"/>, then <paramref name="perMinute"/> answers a minute pointing at it (a
    /// third of them at an earlier answer), each from a new author, for <paramref name="length"/>.
    /// </summary>
    public SignalScenario Thread(string brand, DateTimeOffset onset, double perMinute, TimeSpan length, double negativeShare)
    {
        var root = Add(brand, onset, negativeShare);
        var answers = new List<string> { root };
        for (var minute = 0; minute < length.TotalMinutes; minute++)
            for (var i = Poisson(perMinute); i > 0; i--)
            {
                var parent = random.NextDouble() < 1 / 3.0 ? answers[random.Next(answers.Count)] : root;
                answers.Add(Add(brand, onset.AddMinutes(minute).AddSeconds(1 + random.Next(59)), negativeShare, parent));
            }
        return this;
    }

    public IReadOnlyList<MentionSignal> InPublicationOrder() =>
        [.. mentions.OrderBy(m => m.PublishedAt).ThenBy(m => m.PostId, StringComparer.Ordinal)];

    private void Add(string brand, DateTimeOffset minute, int count, double negativeShare)
    {
        for (var i = 0; i < count; i++)
        {
            var negative = random.NextDouble() < negativeShare;
            Post(brand, minute.AddSeconds(random.Next(60)), negative);
        }
    }

    private string Add(string brand, DateTimeOffset at, double negativeShare, string? parent = null) =>
        Post(brand, at, random.NextDouble() < negativeShare, parent);

    private string Post(string brand, DateTimeOffset at, bool negative, string? parent = null)
    {
        next++;
        mentions.Add(new MentionSignal(brand, "x", $"p{next}", at, parent is null ? $"@u{random.Next(5000)}" : $"@a{next}",
            random.Next(50, 5000), negative ? "service honteux, remboursement refusé #boycott" : "annonce des nouveaux horaires",
            MentionLanguage.French, negative, parent));
        return $"p{next}";
    }

    private int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }
}
