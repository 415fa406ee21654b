using Crisis.Ingestion.Mentions;
using Crisis.Ingestion.Scoring;

namespace Crisis.Ingestion.Recording;

/// <summary>
/// Gives each mention its language and negativity before it is stored: from the model, or from the source's
/// own sentiment where configuration trusts that platform. Without a model (scoring disabled in
/// configuration) mentions are stored unscored and the detector falls back to volume alone.
/// </summary>
public sealed class MentionScoring(IngestionLimits limits, INegativityScorer? scorer = null)
{
    private const int ParallelThreshold = 512;
    private readonly HashSet<string> trustedPlatforms = new(limits.TrustUpstreamSentimentForPlatforms, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<CandidateMention> Score(IReadOnlyList<CandidateMention> candidates)
    {
        var result = new CandidateMention[candidates.Count];
        if (candidates.Count >= ParallelThreshold)
        {
            Parallel.For(0, candidates.Count, i => result[i] = ScoreOne(candidates[i]));
        }
        else
        {
            for (var i = 0; i < candidates.Count; i++) result[i] = ScoreOne(candidates[i]);
        }
        return result;
    }

    private CandidateMention ScoreOne(CandidateMention candidate)
    {
        var mention = candidate.Mention;
        var score = scorer?.Score(mention.Text ?? "");
        var language = score?.Language ?? MentionLanguage.Unknown;
        if (mention.UpstreamSentiment is { } upstream && trustedPlatforms.Contains(mention.Platform.WireName()))
        {
            var confidence = upstream.Score ?? 1.0;
            var probability = upstream.Label == SentimentLabel.Negative ? confidence : (1 - confidence) / 2;
            return candidate with { Mention = mention with { Language = language, NegativeProbability = probability, IsNegative = upstream.Label == SentimentLabel.Negative } };
        }
        if (score is not { Unscorable: false } s) return candidate with { Mention = mention with { Language = language } };
        return candidate with { Mention = mention with { Language = language, NegativeProbability = s.Probability, IsNegative = s.IsNegative } };
    }
}
