using Crisis.Ingestion.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Crisis.Cli.Scoring;

/// <summary>Knobs of one training run; the defaults are those of the shipped model.</summary>
public sealed record TrainingOptions(FeatureSettings Features, float L2, float L1, bool IncludeCopyleft, int Seed)
{
    public static readonly TrainingOptions Shipped = new(
        new FeatureSettings(HashBits: 20, MaxWordNgram: 2, MinCharNgram: 2, MaxCharNgram: 5, PerLanguageCopies: true),
        L2: 0.3f, L1: 0.01f, IncludeCopyleft: true, Seed: 20_261_127);
}

/// <summary>
/// Trains the negativity model with ML.NET: the same normaliser, language identifier and feature hasher as
/// scoring turn each mention into a sparse vector, then L-BFGS logistic regression learns the weights, which
/// become a <see cref="NegativityModel"/> (thresholds are tuned afterwards on dev).
/// </summary>
public static class NegativityTraining
{
    public static NegativityModel Train(IEnumerable<LabelledMention> rows, TrainingOptions options)
    {
        var ml = new MLContext(options.Seed);
        var featurizer = new MentionFeaturizer(options.Features);
        var examples = rows.Select(row => ToExample(row, featurizer)).ToList();

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

        return new NegativityModel(options.Features, [.. linear.Weights], linear.Bias, new Dictionary<MentionLanguage, float>(), defaultThreshold: 0.5f);
    }

    private static Example ToExample(LabelledMention row, MentionFeaturizer featurizer)
    {
        var mention = TextNormalizer.Normalize(row.Text);
        var vector = featurizer.Featurize(mention, LanguageIdentifier.Identify(mention));
        return new Example
        {
            Label = row.IsNegative,
            Features = new VBuffer<float>(featurizer.Settings.Dimension, vector.Indices.Length, vector.Values, vector.Indices),
        };
    }

    private sealed class Example
    {
        public bool Label { get; set; }

        public VBuffer<float> Features { get; set; }
    }
}
