using System.ComponentModel;
using System.Globalization;
using Crisis.Detection.Detecting;
using Crisis.Detection.Evaluating;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Evaluating;

/// <summary>
/// Replays a volume series through the live detector (<see cref="BuzzDetector"/>, bucket by bucket) and
/// writes its score and alerts per row, for what-if runs and benchmarks.
/// </summary>
[Description("Run the spike detector over a CSV series (timestamp,value[,negative]) and write timestamp,value,anomaly_score,alert; or, with --scenarios, over generated brand streams with known truth and report time to page, misses and false pages.")]
public sealed class EvaluateCommand : AsyncCommand<EvaluateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-i|--input <CSV>")]
        [Description("Series to replay: header 'timestamp,value' or 'timestamp,value,negative', rows in increasing time.")]
        public string Input { get; init; } = "";

        [CommandOption("-o|--output <CSV>")]
        [Description("Where to write timestamp,value,anomaly_score,alert (one line per input row).")]
        public string Output { get; init; } = "";

        [CommandOption("-c|--config <JSON>")]
        [Description("Detector options (JSON, DetectorOptions property names); defaults when omitted.")]
        public string? Config { get; init; }

        [CommandOption("--bucket-minutes <N>")]
        [Description("Bucket size in minutes; inferred from the timestamps when omitted (either way it replaces the config's BucketSize).")]
        public double? BucketMinutes { get; init; }

        [CommandOption("--scenarios <SEEDS>")]
        [Description("Scenario mode: generate one brand stream per seed ('1-140' or '3,5,8'), play each through the live monitor and report per kind. Choose settings on some seeds and report on others.")]
        public string? Scenarios { get; init; }

        [CommandOption("--texts <TSV>")]
        [Description("Scenario mode: labelled posts (columns text, label3) to draw texts from, scored by the shipped model. Default: ../shared/data/sentiment/dev.tsv beside the repository when present, else the built-in templates.")]
        public string? Texts { get; init; }

        [CommandOption("--report <MD>")]
        [Description("Scenario mode: also write the report (markdown) to this file.")]
        public string? Report { get; init; }

        /// <summary>The first problem with the arguments, or null. Checked in the command so it exits 1 with a message.</summary>
        public string? Problem() =>
            Scenarios is not null ? (ScenarioSeeds.TryParse(Scenarios, out _, out var seedProblem) ? null : seedProblem)
            : string.IsNullOrWhiteSpace(Input) ? "--input <CSV> is required"
            : string.IsNullOrWhiteSpace(Output) ? "--output <CSV> is required"
            : BucketMinutes is { } minutes && !(minutes > 0) ? "--bucket-minutes must be a positive number"
            : null;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Problem() is { } problem)
        {
            await Console.Error.WriteLineAsync($"crisis evaluate: {problem}");
            return 1;
        }
        try
        {
            var options = settings.Config is null ? DetectorOptions.Default : LoadOptions(settings.Config);
            if (settings.Scenarios is not null) return await ScenarioMode.RunAsync(settings, options, cancellationToken);
            var rows = SeriesCsv.Read(settings.Input);
            var bucketSize = settings.BucketMinutes is { } minutes
                ? TimeSpan.FromMinutes(minutes)
                : rows.Count < 2 ? options.BucketSize : SeriesCsv.InferBucketSize(rows);
            var decisions = SeriesRunner.Run(rows, options.WithBucketSize(bucketSize).Validate());

            await using (var writer = new StreamWriter(settings.Output))
                DecisionsCsv.Write(writer, rows, decisions);

            var alerts = decisions.Count(decision => decision.IsAlert);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"{rows.Count} rows, bucket {bucketSize.TotalMinutes} min, {alerts} alert(s) -> {settings.Output}");
            return 0;
        }
        catch (Exception e) when (e is SeriesFormatException or DetectorOptionsException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"crisis evaluate: {e.Message}");
            return 1;
        }
    }

    private static DetectorOptions LoadOptions(string path)
    {
        if (!File.Exists(path)) throw new DetectorOptionsException("(file)", $"{path}: file not found");
        return DetectorOptions.Load(path);
    }
}
