namespace Crisis.Ingestion.Scoring.Training;

/// <summary>The labelled corpus of one run: <c>train.tsv</c> to fit on, <c>dev.tsv</c> to tune and measure on (never trained on).</summary>
public sealed record TrainingCorpus(IReadOnlyList<LabelledMention> Train, IReadOnlyList<LabelledMention> Dev)
{
    public static TrainingCorpus Read(string folder, bool includeCopyleft) => new(
        [.. SentimentDataset.Read(Path.Combine(folder, "train.tsv")).Where(r => includeCopyleft || !r.IsCopyleft)],
        SentimentDataset.Read(Path.Combine(folder, "dev.tsv")));
}

/// <summary>
/// One training run, as <c>crisis train-negativity</c> does it: fit on train, score dev with the very scorer ingestion
/// uses, tune the thresholds per identified language, then write the model file and the dev report. Fixed seeds and a
/// single training thread make a rerun on the same corpus write the same model file, byte for byte.
/// </summary>
public static class NegativityTrainingRun
{
    /// <summary>The model with its tuned thresholds, and the dev rows as it scores them.</summary>
    /// <param name="step">Told what the run is doing, before each long step (for a progress display).</param>
    public static (NegativityModel Model, IReadOnlyList<ScoredMention> Dev) TrainAndTune(TrainingCorpus corpus, TrainingOptions options, Action<string>? step = null)
    {
        step?.Invoke($"Training logistic regression on 2^{options.Features.HashBits} hashed features");
        var model = options.Stacked ? NegativityStacking.Train(corpus.Train, options, step) : NegativityTraining.Train(corpus.Train, options);
        step?.Invoke("Scoring dev and tuning thresholds per language");
        var dev = NegativityEvaluation.Score(new NegativityScorer(model), corpus.Dev);
        var (overall, perLanguage) = NegativityEvaluation.TuneThresholds(dev);
        return (model.WithThresholds(perLanguage, overall), dev);
    }

    /// <summary>Writes the model to <paramref name="modelPath"/> and the dev section of <paramref name="reportPath"/>; what the report states.</summary>
    public static NegativityReportContent Save(
        NegativityModel model, IReadOnlyList<ScoredMention> dev, TrainingCorpus corpus, TrainingOptions options, string modelPath, string reportPath)
    {
        var fullPath = Path.GetFullPath(modelPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        using (var file = File.Create(fullPath))
        {
            model.Save(file);
        }
        var content = new NegativityReportContent(options, corpus.Train.Count, dev, model, new FileInfo(fullPath).Length);
        NegativityReport.WriteInto(reportPath, content);
        return content;
    }
}
