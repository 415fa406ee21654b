namespace Crisis.Ingestion.Scoring.Training;

/// <summary>A dev row as the shipped scorer sees it.</summary>
public sealed record ScoredMention(LabelledMention Row, MentionLanguage Language, double Probability);

/// <summary>Precision, recall and F1 of the negative class, and AUC, over one group of rows.</summary>
public sealed record ClassificationFigures(string Group, int Rows, int Negatives, double Precision, double Recall, double F1, double Auc);

/// <summary>Scores labelled rows, tunes per-language thresholds and computes the figures of the report.</summary>
public static class NegativityEvaluation
{
    /// <summary>Languages with fewer dev rows than this keep the overall threshold: too few to tune on.</summary>
    public const int MinRowsToTuneThreshold = 30;

    public static IReadOnlyList<ScoredMention> Score(NegativityScorer scorer, IEnumerable<LabelledMention> rows) =>
        rows.AsParallel().AsOrdered().Select(row =>
        {
            var score = scorer.Score(row.Text);
            // Unscorable rows count as "not negative" with probability 0: that is what ingestion will do with them.
            return new ScoredMention(row, score.Language, score.Probability ?? 0);
        }).ToList();

    /// <summary>The threshold that maximises negative-class F1 overall, then per identified language.</summary>
    public static (float Overall, Dictionary<MentionLanguage, float> PerLanguage) TuneThresholds(IReadOnlyList<ScoredMention> dev)
    {
        var overall = BestThreshold(dev);
        var perLanguage = dev.GroupBy(m => m.Language)
            .Where(g => g.Count() >= MinRowsToTuneThreshold && g.Any(m => m.Row.IsNegative))
            .ToDictionary(g => g.Key, g => BestThreshold([.. g]));
        return (overall, perLanguage);
    }

    public static ClassificationFigures Figures(string group, IReadOnlyList<ScoredMention> rows, Func<MentionLanguage, float> thresholdFor)
    {
        var (precision, recall, f1) = Counts(rows, thresholdFor);
        return new ClassificationFigures(group, rows.Count, rows.Count(r => r.Row.IsNegative), precision, recall, f1, Auc(rows));
    }

    private static (double Precision, double Recall, double F1) Counts(IReadOnlyList<ScoredMention> rows, Func<MentionLanguage, float> thresholdFor)
    {
        int truePositives = 0, falsePositives = 0, negatives = 0;
        foreach (var row in rows)
        {
            var predicted = row.Probability >= thresholdFor(row.Language);
            negatives += row.Row.IsNegative ? 1 : 0;
            truePositives += predicted && row.Row.IsNegative ? 1 : 0;
            falsePositives += predicted && !row.Row.IsNegative ? 1 : 0;
        }

        var precision = truePositives + falsePositives == 0 ? 0 : (double)truePositives / (truePositives + falsePositives);
        var recall = negatives == 0 ? 0 : (double)truePositives / negatives;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1);
    }

    /// <summary>Area under the ROC curve as the Mann-Whitney statistic, ties counted half.</summary>
    public static double Auc(IReadOnlyList<ScoredMention> rows)
    {
        var sorted = rows.OrderBy(r => r.Probability).ToList();
        double positives = sorted.Count(r => r.Row.IsNegative), rankSum = 0;
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].Probability == sorted[i].Probability)
            {
                j++;
            }

            var averageRank = (i + j + 1) / 2.0;
            rankSum += averageRank * sorted.Skip(i).Take(j - i).Count(r => r.Row.IsNegative);
            i = j;
        }

        var others = sorted.Count - positives;
        return positives == 0 || others == 0 ? double.NaN : (rankSum - positives * (positives + 1) / 2) / (positives * others);
    }

    private static float BestThreshold(IReadOnlyList<ScoredMention> rows)
    {
        var best = (Threshold: 0.5f, F1: -1.0);
        // A coarse grid: finer steps would only fit the noise of the dev set.
        for (var step = 5; step <= 95; step++)
        {
            var threshold = step / 100f;
            var f1 = Counts(rows, _ => threshold).F1;
            if (f1 > best.F1)
            {
                best = (threshold, f1);
            }
        }

        return best.Threshold;
    }
}
