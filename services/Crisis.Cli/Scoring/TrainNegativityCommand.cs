using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Crisis.Ingestion.Scoring;
using Spectre.Console;
using Spectre.Console.Cli;
using static System.FormattableString;

namespace Crisis.Cli.Scoring;

/// <summary>
/// `crisis train-negativity --data &lt;dir&gt; --out &lt;file&gt;`: trains the mention negativity model on train.tsv,
/// tunes per-language thresholds on dev.tsv, writes the model file and the dev report. Fixed seeds and a
/// single training thread make a rerun reproduce the shipped model's figures.
/// </summary>
public sealed class TrainNegativityCommand : AsyncCommand<TrainNegativityCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <DIR>")]
        [Description("Folder holding train.tsv and dev.tsv")]
        public string Data { get; init; } = "";

        [CommandOption("--out <FILE>")]
        [Description("Where to write the model (ship it as services/Crisis.Ingestion/Scoring/negativity-model.bin)")]
        public string Out { get; init; } = "";

        [CommandOption("--report <FILE>")]
        [Description("Markdown file whose dev-report section is (re)written")]
        [DefaultValue("docs/negativity.md")]
        public string Report { get; init; } = "docs/negativity.md";

        [CommandOption("--without-copyleft")]
        [Description("Leave out rows under LGPL/GPL licences (TSAC) for a model free of copyleft data")]
        public bool WithoutCopyleft { get; init; }

        [CommandOption("--hash-bits <BITS>")]
        [Description("Feature vector size as a power of two")]
        public int? HashBits { get; init; }

        [CommandOption("--l2 <WEIGHT>")]
        public float? L2 { get; init; }

        [CommandOption("--l1 <WEIGHT>")]
        public float? L1 { get; init; }

        [CommandOption("--max-char-ngram <N>")]
        public int? MaxCharNgram { get; init; }

        [CommandOption("--max-word-ngram <N>")]
        public int? MaxWordNgram { get; init; }

        [CommandOption("--naive-bayes-scaling")]
        [Description("Scale features by naive Bayes log-count ratios before the regression (NB-LR)")]
        public bool NaiveBayesScaling { get; init; }

        [CommandOption("--no-dialect-copies")]
        [Description("No dialect identifier, dialect feature copies or dialect thresholds (the model before issue 17)")]
        public bool NoDialectCopies { get; init; }

        [CommandOption("--dialect-thresholds")]
        [Description("Also tune a threshold per identified dialect (tried for issue 17, not shipped: see docs/negativity.md)")]
        public bool DialectThresholds { get; init; }

        [CommandOption("--thresholds-on-dev")]
        [Description("Tune thresholds on dev instead of a held-out fifth of train: dev figures are then optimistic")]
        public bool ThresholdsOnDev { get; init; }

        [CommandOption("--no-language-copies")]
        [Description("Train one shared model without per-language feature copies")]
        public bool NoLanguageCopies { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Data) || !Directory.Exists(Data))
            {
                return ValidationResult.Error($"--data must name an existing folder (got '{Data}')");
            }

            foreach (var file in new[] { "train.tsv", "dev.tsv" })
            {
                if (!File.Exists(Path.Combine(Data, file)))
                {
                    return ValidationResult.Error($"--data folder '{Data}' has no {file}");
                }
            }

            return string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out <FILE> is required") : ValidationResult.Success();
        }

        public TrainingOptions ToOptions()
        {
            var shipped = TrainingOptions.Shipped;
            var features = shipped.Features with
            {
                HashBits = HashBits ?? shipped.Features.HashBits,
                MaxCharNgram = MaxCharNgram ?? shipped.Features.MaxCharNgram,
                MaxWordNgram = MaxWordNgram ?? shipped.Features.MaxWordNgram,
                PerLanguageCopies = !NoLanguageCopies && shipped.Features.PerLanguageCopies,
                PerDialectCopies = !NoDialectCopies && shipped.Features.PerDialectCopies,
            };
            return shipped with
            {
                Features = features, L2 = L2 ?? shipped.L2, L1 = L1 ?? shipped.L1, IncludeCopyleft = !WithoutCopyleft,
                NaiveBayesScaling = NaiveBayesScaling || shipped.NaiveBayesScaling, ThresholdsOnTrain = !ThresholdsOnDev && shipped.ThresholdsOnTrain,
                DialectThresholds = DialectThresholds || shipped.DialectThresholds,
            };
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = settings.ToOptions();
        var clock = Stopwatch.StartNew();
        IReadOnlyList<LabelledMention> train = [], dev = [];
        NegativityModel model = null!;
        IReadOnlyList<ScoredMention> scoredDev = [];

        await AnsiConsole.Status().StartAsync("Reading the corpus", async status =>
        {
            train = [.. SentimentDataset.Read(Path.Combine(settings.Data, "train.tsv")).Where(r => options.IncludeCopyleft || !r.IsCopyleft)];
            dev = SentimentDataset.Read(Path.Combine(settings.Data, "dev.tsv"));
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Read {train.Count} training rows and {dev.Count} dev rows ({clock.Elapsed.TotalSeconds:F0} s)");

            status.Status($"Training logistic regression on 2^{options.Features.HashBits} hashed features");
            model = await Task.Run(() => NegativityTraining.Train(train, options), cancellationToken);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Trained ({clock.Elapsed.TotalSeconds:F0} s)");

            IReadOnlyList<ScoredMention> tuning;
            if (options.ThresholdsOnTrain)
            {
                // Every fifth training row is held out: a model trained on the rest scores it, and the thresholds that
                // serve it best are kept for the model trained on all rows. Dev is only measured.
                status.Status("Training on four fifths of train to choose thresholds on the fifth held out");
                List<LabelledMention> fit = [.. train.Where((_, i) => i % 5 != 4)], heldOut = [.. train.Where((_, i) => i % 5 == 4)];
                var partial = await Task.Run(() => NegativityTraining.Train(fit, options), cancellationToken);
                tuning = NegativityEvaluation.Score(new NegativityScorer(partial), heldOut);
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Scored {heldOut.Count} held-out training rows for thresholds ({clock.Elapsed.TotalSeconds:F0} s)");
            }
            else
            {
                tuning = NegativityEvaluation.Score(new NegativityScorer(model), dev);
            }

            status.Status("Tuning thresholds per language and dialect, scoring dev");
            var (overall, perLanguage, perDialect) = NegativityEvaluation.TuneThresholds(tuning);
            if (!options.DialectThresholds)
            {
                perDialect.Clear();
            }

            model = model.WithThresholds(perLanguage, overall, perDialect);
            ShowTuningFigures(tuning, model);
            scoredDev = NegativityEvaluation.Score(new NegativityScorer(model), dev);
        });

        var outPath = Path.GetFullPath(settings.Out);
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await using (var file = File.Create(outPath))
        {
            model.Save(file);
        }

        var content = new NegativityReportContent(options, train.Count, scoredDev, model, new FileInfo(outPath).Length,
            options.ThresholdsOnTrain ? "a held-out fifth of `train.tsv` (every fifth row, scored by a model trained on the other rows)" : "dev (so dev F1 is optimistic)");
        NegativityReport.WriteInto(settings.Report, content);
        ShowFigures(content);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Wrote [bold]{outPath}[/] ({content.ModelBytes / 1024} KiB) and the report in [bold]{settings.Report}[/]; {clock.Elapsed.TotalSeconds:F0} s in all");
        return 0;
    }

    /// <summary>Figures on the rows the thresholds were chosen on: what settings are compared by, so dev stays held out.</summary>
    private static void ShowTuningFigures(IReadOnlyList<ScoredMention> tuning, NegativityModel model)
    {
        var groups = tuning.GroupBy(m => m.Row.LangBucket).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => NegativityEvaluation.Figures(g.Key, [.. g], model)).Append(NegativityEvaluation.Figures("overall", tuning, model));
        AnsiConsole.WriteLine("Threshold-tuning rows, at the chosen thresholds (optimistic, but alike for every setting):");
        foreach (var f in groups)
        {
            AnsiConsole.WriteLine(Invariant($"  tuning {f.Group,-14} {f.Rows,5} rows  F1 {f.F1:F3}  AUC {f.Auc:F3}"));
        }
    }

    private static void ShowFigures(NegativityReportContent content)
    {
        var table = new Table().AddColumns("lang_bucket", "rows", "precision", "recall", "F1", "AUC");
        foreach (var f in NegativityReport.PerBucket(content).Append(NegativityReport.Overall(content)))
        {
            table.AddRow(f.Group, Invariant($"{f.Rows}"), Invariant($"{f.Precision:F3}"), Invariant($"{f.Recall:F3}"), Invariant($"{f.F1:F3}"), Invariant($"{f.Auc:F3}"));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Language identification accuracy on dev: {NegativityReport.LanguageAccuracy(content.Dev):P1}");
    }
}
