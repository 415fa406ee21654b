using System.Globalization;
using System.Text;
using Crisis.Detection.Detecting;

namespace Crisis.Detection.Evaluating;

/// <summary>One series of a NAB run: its rows, the detector's decisions and its score under every profile.</summary>
public sealed record NabFileResult(string File, IReadOnlyList<SeriesRow> Rows, IReadOnlyList<BuzzDecision> Decisions, IReadOnlyDictionary<string, NabFileScore> Scores)
{
    public int Alerts => Decisions.Count(decision => decision.IsAlert);
}

/// <summary>
/// Runs the detector over NAB-style series (a directory of CSV files plus <c>windows.json</c>) and scores
/// it: the same path as <c>crisis evaluate</c>, so the figures describe what the live detector does.
/// </summary>
public sealed record NabEvaluation(IReadOnlyList<NabFileResult> Files)
{
    /// <summary>Runs every file of <paramref name="dataDirectory"/> matching <paramref name="pattern"/> that has windows.</summary>
    public static NabEvaluation Run(string dataDirectory, DetectorOptions options, string pattern = "Twitter_volume_*.csv", Func<string, bool>? include = null)
    {
        var windows = NabWindows.Load(Path.Combine(dataDirectory, "windows.json"));
        var files = new List<NabFileResult>();
        foreach (var path in Directory.GetFiles(dataDirectory, pattern).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (!windows.TryGetValue(name, out var fileWindows) || (include is not null && !include(name))) continue;
            var rows = SeriesCsv.Read(path);
            var decisions = SeriesRunner.Run(rows, options.WithBucketSize(SeriesCsv.InferBucketSize(rows)));
            var timestamps = rows.Select(row => row.Timestamp).ToArray();
            var flags = decisions.Select(decision => decision.IsAlert).ToArray();
            var scores = NabProfile.All.ToDictionary(profile => profile.Name, profile => NabScorer.ScoreFile(timestamps, flags, fileWindows, profile));
            files.Add(new NabFileResult(name, rows, decisions, scores));
        }
        return new NabEvaluation(files);
    }

    /// <summary>Normalised corpus score under <paramref name="profile"/>.</summary>
    public double Score(NabProfile profile) => NabScorer.Normalise(
        Files.Sum(file => file.Scores[profile.Name].Score),
        Files.Sum(file => file.Scores[profile.Name].Windows),
        profile);

    private static double FileScore(NabFileResult file, NabProfile profile) =>
        NabScorer.Normalise(file.Scores[profile.Name].Score, file.Scores[profile.Name].Windows, profile);

    /// <summary>Markdown summary: the three profile scores, then one line per file.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| profile | normalised score |");
        text.AppendLine("|---|---|");
        foreach (var profile in NabProfile.All) text.AppendLine(c, $"| {profile.Name} | {Score(profile):F1} |");
        text.AppendLine();
        text.AppendLine("| file | rows | alerts | windows | detected (position: -1 = window start) | false positives (standard cost) | raw standard score | file alone, normalised (standard / low FP / low FN) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var file in Files)
        {
            var standard = file.Scores[NabProfile.Standard.Name];
            var detected = string.Join(", ", standard.TruePositives.Select(tp => string.Create(c, $"w{tp.WindowIndex + 1} @{file.Rows[tp.Row].TimestampText} ({tp.Position:F2})")));
            var falsePositives = string.Join(", ", standard.FalsePositives.Select(fp => string.Create(c, $"{file.Rows[fp.Row].TimestampText} ({fp.Score:F3})")));
            text.AppendLine(c, $"| {file.File} | {file.Rows.Count} | {file.Alerts} | {standard.TruePositives.Count}/{standard.Windows} | {(detected.Length == 0 ? "-" : detected)} | {standard.FalsePositives.Count}: {(falsePositives.Length == 0 ? "-" : falsePositives)} | {standard.Score:F3} | {FileScore(file, NabProfile.Standard):F1} / {FileScore(file, NabProfile.RewardLowFalsePositives):F1} / {FileScore(file, NabProfile.RewardLowFalseNegatives):F1} |");
        }
        return text.ToString();
    }
}
