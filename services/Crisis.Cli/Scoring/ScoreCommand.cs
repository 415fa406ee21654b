using Crisis.Cli.Hosting;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using Crisis.Ingestion.Scoring;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Scoring;

/// <summary>
/// `crisis score --input &lt;file&gt; --output &lt;file&gt;`: scores every mention of a TSV or NDJSON file with the
/// same <see cref="NegativityScorer"/> ingestion uses, writing one TSV row per input row, in input order.
/// </summary>
public sealed class ScoreCommand : AsyncCommand<ScoreCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--input <FILE>")]
        [Description("TSV with a 'text' column, or NDJSON (.ndjson/.jsonl/.json) objects with a \"text\" field")]
        public string Input { get; init; } = "";

        [CommandOption("--output <FILE>")]
        [Description("TSV written with columns language, probability, negative (empty when unscorable)")]
        public string Output { get; init; } = "";

        [CommandOption("--model <FILE>")]
        [Description("A model file from train-negativity instead of the shipped one")]
        public string? Model { get; init; }

        // --output names the scores file here (as it did first): the summary's format has an option of its own.
        [CommandOption("--summary <FORMAT>")]
        [Description("How the console summary (mentions, scored and negative per language) is written: " + OutputOption.Description)]
        public string Summary { get; init; } = "table";

        public OutputFormat Format => OutputOption.Parse(Summary);

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Input) || !File.Exists(Input))
            {
                return ValidationResult.Error($"--input must name an existing file (got '{Input}')");
            }

            if (Model is not null && !File.Exists(Model))
            {
                return ValidationResult.Error($"--model file '{Model}' does not exist");
            }

            return string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("--output <FILE> is required")
                : OutputOption.Check(Summary, "--summary") ?? ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var scorer = settings.Model is null ? NegativityScorer.Default : NegativityScorer.FromFile(settings.Model);
        var output = Path.GetFullPath(settings.Output);
        // Write next to the target and move at the end, so a bad input line never leaves a half-written output.
        var partial = output + ".partial";
        var byLanguage = new Dictionary<MentionLanguage, (int Mentions, int Scored, int Negative)>();
        try
        {
            await using (var writer = new StreamWriter(partial, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                await writer.WriteLineAsync("language\tprobability\tnegative");
                foreach (var text in MentionFile.ReadTexts(settings.Input))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var score = scorer.Score(text);
                    await writer.WriteLineAsync(Format(score));
                    var (mentions, scored, negative) = byLanguage.GetValueOrDefault(score.Language);
                    byLanguage[score.Language] = (mentions + 1, scored + (score.Unscorable ? 0 : 1), negative + (score.IsNegative == true ? 1 : 0));
                }
            }

            File.Move(partial, output, overwrite: true);
        }
        catch (InvalidDataException e)
        {
            await Console.Error.WriteLineAsync("error: " + TerminalSafeWriter.Visible(e.Message));
            return 1;
        }
        finally
        {
            // Whatever stopped the run (a bad line, Ctrl+C, a full disk), no half-written output stays behind.
            if (File.Exists(partial)) File.Delete(partial);
        }

        var summary = new OutputTable(new("language", "language"), new("mentions", "mentions"), new("scored", "scored"), new("negative", "negative"));
        foreach (var (language, counts) in byLanguage.OrderByDescending(l => l.Value.Mentions).ThenBy(l => l.Key))
            summary.Add(language.ToString().ToLowerInvariant(), counts.Mentions, counts.Scored, counts.Negative);
        summary.Write(settings.Format, Console.Out);
        // With --summary json or csv standard output carries the rows alone; where the scores went is for people.
        var where = settings.Format == OutputFormat.Table ? Console.Out : Console.Error;
        await where.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Scored {byLanguage.Values.Sum(l => l.Mentions)} mentions into {output}"));
        return 0;
    }

    public static string Format(NegativityScore score) => score.Unscorable
        ? FormattableString.Invariant($"{score.Language.ToString().ToLowerInvariant()}\t\t")
        : FormattableString.Invariant($"{score.Language.ToString().ToLowerInvariant()}\t{score.Probability:F4}\t{(score.IsNegative == true ? 1 : 0)}");
}
