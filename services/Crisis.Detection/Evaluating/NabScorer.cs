namespace Crisis.Detection.Evaluating;

/// <summary>
/// The Numenta Anomaly Benchmark scoring rules, per file and normalised over a corpus:
/// <list type="bullet">
/// <item>the first min(15% of rows, 750) rows are probationary: detections there are ignored;</item>
/// <item>only the earliest detection in a window counts, earning A_TP·s(y)/s(-1) with y in [-1, 0) its relative position;</item>
/// <item>a window without detection costs A_FN;</item>
/// <item>a detection outside every window costs A_FP, or A_FP·s(y) when it follows a window, y = |i - r| / (w - 1);</item>
/// <item>the corpus score is 100·(S - S_null) / (S_perfect - S_null).</item>
/// </list>
/// s(y) = 2 / (1 + e^(5y)) - 1, and -1 beyond y = 3.
/// </summary>
public static class NabScorer
{
    /// <summary>Rows of the probationary period of a file of <paramref name="rows"/> rows.</summary>
    public static int ProbationaryRows(int rows) => (int)Math.Min(Math.Floor(0.15 * rows), 750);

    /// <summary>NAB's scaled sigmoid.</summary>
    public static double ScaledSigmoid(double y) => y > 3 ? -1 : 2 / (1 + Math.Exp(5 * y)) - 1;

    /// <summary>Scores one file.</summary>
    /// <param name="timestamps">Row timestamps, increasing.</param>
    /// <param name="detections">Whether each row is a detection.</param>
    /// <param name="windows">Labelled windows of the file, in time order.</param>
    /// <param name="profile">Weights.</param>
    public static NabFileScore ScoreFile(IReadOnlyList<DateTimeOffset> timestamps, IReadOnlyList<bool> detections, IReadOnlyList<NabWindow> windows, NabProfile profile)
    {
        if (timestamps.Count != detections.Count) throw new ArgumentException("one detection flag per timestamp is needed", nameof(detections));
        var n = timestamps.Count;
        var windowOf = new int[n];
        Array.Fill(windowOf, -1);
        var firstRow = new int[windows.Count];
        var lastRow = new int[windows.Count];
        for (var w = 0; w < windows.Count; w++)
        {
            firstRow[w] = -1;
            lastRow[w] = -1;
            for (var i = 0; i < n; i++)
            {
                if (timestamps[i] < windows[w].Start || timestamps[i] > windows[w].End) continue;
                windowOf[i] = w;
                if (firstRow[w] < 0) firstRow[w] = i;
                lastRow[w] = i;
            }
        }

        var probation = ProbationaryRows(n);
        var detected = new bool[windows.Count];
        var truePositives = new List<NabTruePositive>();
        var falsePositives = new List<NabFalsePositive>();
        var score = 0.0;
        var counted = 0;
        var precedingWindow = -1;
        for (var i = 0; i < n; i++)
        {
            var w = windowOf[i];
            if (w >= 0 && i == lastRow[w]) precedingWindow = w;
            if (!detections[i] || i < probation) continue;
            counted++;
            if (w >= 0)
            {
                if (detected[w]) continue;
                detected[w] = true;
                var width = lastRow[w] - firstRow[w] + 1;
                var position = -(lastRow[w] - i + 1) / (double)width;
                var earned = profile.TruePositive * ScaledSigmoid(position) / ScaledSigmoid(-1);
                score += earned;
                truePositives.Add(new NabTruePositive(w, i, position, earned));
                continue;
            }
            double cost;
            if (precedingWindow < 0) cost = -profile.FalsePositive;
            else
            {
                var width = lastRow[precedingWindow] - firstRow[precedingWindow] + 1;
                var position = Math.Abs(i - lastRow[precedingWindow]) / (double)Math.Max(width - 1, 1);
                cost = profile.FalsePositive * ScaledSigmoid(position);
            }
            score += cost;
            falsePositives.Add(new NabFalsePositive(i, cost));
        }
        for (var w = 0; w < windows.Count; w++) if (!detected[w]) score -= profile.FalseNegative;
        return new NabFileScore(score, windows.Count, counted, truePositives, falsePositives);
    }

    /// <summary>Normalised corpus score: 0 for a detector that never alerts, 100 for a perfect one.</summary>
    public static double Normalise(double rawScoreSum, int windowCount, NabProfile profile)
    {
        var nullScore = -profile.FalseNegative * windowCount;
        var perfect = profile.TruePositive * windowCount;
        return 100 * (rawScoreSum - nullScore) / (perfect - nullScore);
    }
}
