using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Crisis.Ingestion.Scoring;
using Crisis.Ingestion.Scoring.Training;
using Spectre.Console;
using Spectre.Console.Cli;
using static System.FormattableString;

namespace Crisis.Cli.Scoring;

/// <summary>
/// `crisis train-negativity --data &lt;dir&gt; --out &lt;file&gt;`: trains the mention negativity model on train.tsv,
/// tunes per-language thresholds on dev.tsv, writes the model file and the dev report. The run is the negativity
/// library's (<see cref="NegativityTrainingRun"/>, next to the scorer ingestion uses); this command maps the flags
/// to <see cref="TrainingOptions"/> and shows progress and figures.
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

        [CommandOption("--no-language-copies")]
        [Description("Train one shared model without per-language feature copies")]
        public bool NoLanguageCopies { get; init; }

        [CommandOption("--no-stacker")]
        [Description("Ship the logistic regression alone, without the stacker over it and naive Bayes (five fewer trainings)")]
        public bool NoStacker { get; init; }

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
            };
            return shipped with { Features = features, L2 = L2 ?? shipped.L2, L1 = L1 ?? shipped.L1, IncludeCopyleft = !WithoutCopyleft, NaiveBayesScaling = NaiveBayesScaling || shipped.NaiveBayesScaling, Stacked = !NoStacker && shipped.Stacked };
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = settings.ToOptions();
        var clock = Stopwatch.StartNew();
        TrainingCorpus corpus = null!;
        NegativityModel model = null!;
        IReadOnlyList<ScoredMention> dev = [];
        await AnsiConsole.Status().StartAsync("Reading the corpus", async status =>
        {
            corpus = TrainingCorpus.Read(settings.Data, options.IncludeCopyleft);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Read {corpus.Train.Count} training rows and {corpus.Dev.Count} dev rows ({clock.Elapsed.TotalSeconds:F0} s)");
            (model, dev) = await Task.Run(() => NegativityTrainingRun.TrainAndTune(corpus, options, step => status.Status(step)), cancellationToken);
        });

        var content = NegativityTrainingRun.Save(model, dev, corpus, options, settings.Out, settings.Report);
        ShowFigures(content);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Wrote [bold]{Path.GetFullPath(settings.Out)}[/] ({content.ModelBytes / 1024} KiB) and the report in [bold]{settings.Report}[/]; {clock.Elapsed.TotalSeconds:F0} s in all");
        return 0;
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
