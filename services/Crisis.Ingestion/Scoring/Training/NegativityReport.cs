using System.Globalization;
using System.Text;

namespace Crisis.Ingestion.Scoring.Training;

/// <summary>Everything the dev report states about one trained model.</summary>
public sealed record NegativityReportContent(
    TrainingOptions Options,
    int TrainingRows,
    IReadOnlyList<ScoredMention> Dev,
    NegativityModel Model,
    long ModelBytes);

/// <summary>
/// Writes the generated section of docs/negativity.md: figures per language bucket, per identified language,
/// overall, and language-identification accuracy. Hand-written text around the markers is kept.
/// </summary>
public static class NegativityReport
{
    private const string Begin = "<!-- BEGIN dev-report (written by crisis train-negativity) -->";
    private const string End = "<!-- END dev-report -->";

    public static IReadOnlyList<ClassificationFigures> PerBucket(NegativityReportContent content) =>
        [.. content.Dev.GroupBy(m => m.Row.LangBucket).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => NegativityEvaluation.Figures(g.Key, [.. g], content.Model.ThresholdFor))];

    public static ClassificationFigures Overall(NegativityReportContent content) =>
        NegativityEvaluation.Figures("overall", content.Dev, content.Model.ThresholdFor);

    public static double LanguageAccuracy(IReadOnlyList<ScoredMention> dev) =>
        (double)dev.Count(m => m.Language == m.Row.ExpectedLanguage) / dev.Count;

    public static void WriteInto(string path, NegativityReportContent content)
    {
        var section = Render(content);
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Mention negativity model\n";
        var begin = existing.IndexOf(Begin, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        // The section ends with its own line break: skip the one after the old End marker, so a rerun leaves the file as it was.
        var after = end + End.Length;
        after += after < existing.Length && existing[after] == '\n' ? 1 : 0;
        var updated = begin >= 0 && end > begin
            ? string.Concat(existing.AsSpan(0, begin), section, existing.AsSpan(after))
            : existing.TrimEnd() + "\n\n" + section;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, updated);
    }

    private static string Render(NegativityReportContent content)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var options = content.Options;
        var features = options.Features;

        Line($"{Begin}");
        Line($"## Dev figures");
        Line($"");
        Line($"Negative class, on `dev.tsv` (never trained on). Thresholds are tuned on dev per *identified* language, as at runtime.");
        Line($"Trained on {content.TrainingRows} rows of `train.tsv` ({(options.IncludeCopyleft ? "including" : "excluding")} the LGPL-3.0 TSAC rows).");
        Line($"Features: 2^{features.HashBits} hashed slots, word 1-{features.MaxWordNgram}-grams, character {features.MinCharNgram}-{features.MaxCharNgram}-grams, per-language copies {(features.PerLanguageCopies ? "on" : "off")}; {(options.NaiveBayesScaling ? "naive Bayes log-count-ratio scaling, " : "")}L-BFGS logistic regression, L2 {options.L2:G3}, L1 {options.L1:G3}, seed {options.Seed}{(options.Stacked ? $"; stacked with naive Bayes log-odds and {MentionSignals.Count} dense signals by a logistic regression on {NegativityStacking.Folds}-fold out-of-fold scores" : "")}.");
        Line($"Model file: {content.ModelBytes / 1024.0:F0} KiB, {content.Model.Weights.Count(w => w != 0)} non-zero weights.");
        Line($"");
        Line($"| lang_bucket | rows | negatives | precision | recall | F1 | AUC |");
        Line($"|---|---:|---:|---:|---:|---:|---:|");
        foreach (var f in PerBucket(content).Append(Overall(content)))
        {
            var name = f.Group == "overall" ? "**overall**" : f.Group;
            Line($"| {name} | {f.Rows} | {f.Negatives} | {f.Precision:F3} | {f.Recall:F3} | {f.F1:F3} | {f.Auc:F3} |");
        }

        Line($"");
        Line($"### Thresholds per identified language");
        Line($"");
        Line($"| language | dev rows | threshold | F1 |");
        Line($"|---|---:|---:|---:|");
        foreach (var group in content.Dev.GroupBy(m => m.Language).OrderBy(g => g.Key))
        {
            var f = NegativityEvaluation.Figures(group.Key.ToString(), [.. group], content.Model.ThresholdFor);
            Line($"| {group.Key} | {f.Rows} | {content.Model.ThresholdFor(group.Key):F2} | {f.F1:F3} |");
        }

        Line($"");
        Line($"Other languages use {content.Model.DefaultThreshold:F2}.");
        Line($"");
        Line($"### Language identification");
        Line($"");
        Line($"Accuracy against `lang_bucket` (ar_* → Arabic, arabizi_latin → Arabizi, fr_subtitles → French, en → English): **{LanguageAccuracy(content.Dev):P1}**.");
        Line($"");
        var languages = Enum.GetValues<MentionLanguage>();
        md.Append("| expected \\ identified | ").AppendJoin(" | ", languages).Append(" |\n");
        md.Append("|---|").AppendJoin("", languages.Select(_ => "---:|")).Append('\n');
        foreach (var expected in content.Dev.Select(m => m.Row.ExpectedLanguage).Distinct().Order())
        {
            var counts = languages.Select(l => content.Dev.Count(m => m.Row.ExpectedLanguage == expected && m.Language == l).ToString(CultureInfo.InvariantCulture));
            md.Append("| ").Append(expected).Append(" | ").AppendJoin(" | ", counts).Append(" |\n");
        }

        Line($"{End}");
        return md.ToString();
    }
}
