namespace Crisis.Ingestion.Scoring;

/// <summary>
/// The second stage of the model: a small logistic regression over the two base scores (the n-gram logistic
/// regression's logit and the naive Bayes log-odds over the same features), the dense <see cref="MentionSignals"/>,
/// and each base score once more per identified language, so every language gets its own blend of the two. It is
/// trained on out-of-fold base scores (`crisis train-negativity`), so it learns how far to trust them on unseen text.
/// Immutable.
/// </summary>
public sealed class LogitStacker
{
    /// <summary>Logit, log-odds, the signals, then logit and log-odds per language of <see cref="MentionSignals.Languages"/>.</summary>
    public static readonly int InputCount = 2 + MentionSignals.Count + 2 * MentionSignals.Languages.Length;

    private readonly float[] weights;

    public LogitStacker(float[] weights, float bias)
    {
        if (weights.Length != InputCount)
        {
            throw new ArgumentException($"expected {InputCount} stacker weights, got {weights.Length}", nameof(weights));
        }

        this.weights = weights;
        Bias = bias;
    }

    public float Bias { get; }

    public IReadOnlyList<float> Weights => weights;

    /// <summary>Writes the stacker's inputs for one mention into <paramref name="inputs"/> (<see cref="InputCount"/> long).</summary>
    public static void Inputs(double logit, double logOdds, ReadOnlySpan<float> signals, Span<float> inputs)
    {
        inputs[0] = (float)logit;
        inputs[1] = (float)logOdds;
        signals.CopyTo(inputs[2..]);
        var perLanguage = 2 + MentionSignals.Count;
        for (var i = 0; i < MentionSignals.Languages.Length; i++)
        {
            var isLanguage = signals[MentionSignals.FirstLanguage + i];
            inputs[perLanguage + 2 * i] = isLanguage * (float)logit;
            inputs[perLanguage + 2 * i + 1] = isLanguage * (float)logOdds;
        }
    }

    /// <summary>The stacked score (a logit) of one mention.</summary>
    public double Score(double logit, double logOdds, ReadOnlySpan<float> signals)
    {
        Span<float> inputs = stackalloc float[InputCount];
        Inputs(logit, logOdds, signals, inputs);
        double score = Bias;
        for (var i = 0; i < inputs.Length; i++)
        {
            score += weights[i] * inputs[i];
        }

        return score;
    }
}
