using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Crisis.Ingestion.Scoring.Training;

/// <summary>Knobs of one training run; the defaults are those of the shipped model.</summary>
/// <param name="NaiveBayesScaling">
/// Scale each feature by its naive Bayes log-count ratio before the regression (NB-LR, after Wang &amp; Manning
/// 2012, "Baselines and Bigrams"); the ratios are folded into the exported weights, so scoring is unchanged.
/// </param>
/// <param name="Stacked">
/// Add a <see cref="LogitStacker"/> trained on out-of-fold scores of the logistic regression and of naive Bayes
/// (see <see cref="NegativityStacking"/>); five more trainings.
/// </param>
public sealed record TrainingOptions(FeatureSettings Features, float L2, float L1, bool IncludeCopyleft, int Seed, bool NaiveBayesScaling = false, bool Stacked = false)
{
    public static readonly TrainingOptions Shipped = new(
        new FeatureSettings(HashBits: 20, MaxWordNgram: 2, MinCharNgram: 2, MaxCharNgram: 5, PerLanguageCopies: true),
        L2: 0.6f, L1: 0.01f, IncludeCopyleft: true, Seed: 20_261_127, NaiveBayesScaling: true, Stacked: true);
}

/// <summary>
/// Trains the negativity model with ML.NET: the same normaliser, language identifier and feature hasher as
/// scoring turn each mention into a sparse vector, then L-BFGS logistic regression learns the weights, which
/// become a <see cref="NegativityModel"/> (thresholds are tuned afterwards on dev). The naive Bayes log-count
/// ratios of the same features go into the model too, as the stacker's second base score.
/// </summary>
public static class NegativityTraining
{
    public static NegativityModel Train(IEnumerable<LabelledMention> rows, TrainingOptions options)
    {
        var ml = new MLContext(options.Seed);
        var featurizer = new MentionFeaturizer(options.Features);
        var labelled = rows.Select(row => (row.IsNegative, Vector: Featurize(row, featurizer))).ToList();
        var naiveBayes = LogCountRatios(labelled, options.Features.Dimension);
        var ratios = options.NaiveBayesScaling ? naiveBayes : null;
        var examples = labelled.Select(e => ToExample(e.IsNegative, e.Vector, ratios, options.Features.Dimension)).ToList();

        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, options.Features.Dimension);
        var data = ml.Data.LoadFromEnumerable(examples, schema);

        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Example.Label),
            FeatureColumnName = nameof(Example.Features),
            L2Regularization = options.L2,
            L1Regularization = options.L1,
            OptimizationTolerance = 1e-7f,
            HistorySize = 50,
            MaximumNumberOfIterations = 400,
            // One thread keeps the gradient sums in a fixed order, so a rerun gives the same weights.
            NumberOfThreads = 1,
        });
        var linear = trainer.Fit(data).Model.SubModel;
        var weights = linear.Weights.ToArray();
        if (ratios is not null)
        {
            // w · (r ∘ x) = (w ∘ r) · x: the shipped weights absorb the ratios.
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] *= ratios[i];
            }
        }

        var negatives = labelled.Count(e => e.IsNegative);
        var prior = (float)Math.Log((double)negatives / Math.Max(1, labelled.Count - negatives));
        return new NegativityModel(options.Features, weights, linear.Bias, (naiveBayes, prior), stacker: null, new Dictionary<MentionLanguage, float>(), defaultThreshold: 0.5f);
    }

    private static SparseVector Featurize(LabelledMention row, MentionFeaturizer featurizer)
    {
        var mention = TextNormalizer.Normalize(row.Text);
        return featurizer.Featurize(mention, LanguageIdentifier.Identify(mention)).Vector;
    }

    /// <summary>log((p/|p|) / (q/|q|)) per slot, p and q counting presence in negative and other rows, smoothed by one.</summary>
    private static float[] LogCountRatios(List<(bool IsNegative, SparseVector Vector)> examples, int dimension)
    {
        var negative = new double[dimension];
        var other = new double[dimension];
        Array.Fill(negative, 1.0);
        Array.Fill(other, 1.0);
        foreach (var (isNegative, vector) in examples)
        {
            var counts = isNegative ? negative : other;
            foreach (var index in vector.Indices)
            {
                counts[index]++;
            }
        }

        double negativeTotal = negative.Sum(), otherTotal = other.Sum();
        var ratios = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            ratios[i] = (float)Math.Log(negative[i] / negativeTotal / (other[i] / otherTotal));
        }

        return ratios;
    }

    private static Example ToExample(bool isNegative, SparseVector vector, float[]? ratios, int dimension)
    {
        var values = vector.Values;
        if (ratios is not null)
        {
            values = new float[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = vector.Values[i] * ratios[vector.Indices[i]];
            }
        }

        return new Example { Label = isNegative, Features = new VBuffer<float>(dimension, vector.Indices.Length, values, vector.Indices) };
    }

    private sealed class Example
    {
        public bool Label { get; set; }

        public VBuffer<float> Features { get; set; }
    }
}
