using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Crisis.Ingestion.Scoring.Training;

/// <summary>
/// Trains the <see cref="LogitStacker"/>: the base model (logistic regression and naive Bayes over the hashed
/// features) is trained five times, each time without one fifth of the rows (row index modulo 5), and scores the
/// fifth it did not see; the stacker learns from those out-of-fold scores, so it weighs the base scores as they
/// behave on unseen text rather than on rows they have memorised. The shipped base model is then trained on every
/// row and gets the stacker. Two folds train at a time, each on one thread, and every fold writes only its own
/// rows: a rerun gives the same stacker, weight for weight.
/// </summary>
public static class NegativityStacking
{
    public const int Folds = 5;

    /// <summary>L2 of the stacker's regression: it has 26 inputs and tens of thousands of rows, so it hardly needs any.</summary>
    private const float StackerL2 = 0.01f;

    public static NegativityModel Train(IReadOnlyList<LabelledMention> rows, TrainingOptions options, Action<string>? step = null)
    {
        var inputs = new float[rows.Count][];
        NegativityModel full = null!;
        var done = 0;
        step?.Invoke($"Training the base model on {Folds} folds for the stacker's out-of-fold scores, and on every row");
        // Task `Folds` trains the shipped base model on every row, next to the folds rather than after them.
        Parallel.For(0, Folds + 1, new ParallelOptions { MaxDegreeOfParallelism = 2 }, fold =>
        {
            if (fold == Folds)
            {
                full = NegativityTraining.Train(rows, options);
            }
            else
            {
                var model = NegativityTraining.Train(rows.Where((_, i) => i % Folds != fold), options);
                var featurizer = new MentionFeaturizer(options.Features);
                for (var i = fold; i < rows.Count; i += Folds)
                {
                    inputs[i] = Inputs(model, featurizer, rows[i].Text)!;
                }
            }

            step?.Invoke($"Base models: {Interlocked.Increment(ref done)} of {Folds + 1} trained");
        });

        step?.Invoke("Training the stacker");
        return full.WithStacker(Fit(rows, inputs, options.Seed));
    }

    /// <summary>The stacker's inputs for one text under a base model; null for a text without words (scored from its symbols).</summary>
    internal static float[]? Inputs(NegativityModel model, MentionFeaturizer featurizer, string text)
    {
        var mention = TextNormalizer.Normalize(text);
        if (!mention.HasWords)
        {
            return null;
        }

        var features = featurizer.Collect(mention, LanguageIdentifier.Identify(mention));
        var inputs = new float[LogitStacker.InputCount];
        LogitStacker.Inputs(model.Logit(features.Indices, features.Values), model.LogOdds(features.Indices), features.Signals, inputs);
        return inputs;
    }

    private static LogitStacker Fit(IReadOnlyList<LabelledMention> rows, float[]?[] inputs, int seed)
    {
        var ml = new MLContext(seed);
        var examples = rows.Select((row, i) => (row, inputs: inputs[i]))
            .Where(e => e.inputs is not null)
            .Select(e => new Example { Label = e.row.IsNegative, Features = e.inputs! })
            .ToList();
        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, LogitStacker.InputCount);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Example.Label),
            FeatureColumnName = nameof(Example.Features),
            L2Regularization = StackerL2,
            L1Regularization = 0,
            NumberOfThreads = 1,
        });
        var linear = trainer.Fit(ml.Data.LoadFromEnumerable(examples, schema)).Model.SubModel;
        return new LogitStacker(linear.Weights.ToArray(), linear.Bias);
    }

    private sealed class Example
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
