using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Crisis.Detection.Detecting;
using Crisis.Detection.Evaluating;

namespace Crisis.Benchmarks.Detection;

/// <summary>
/// Scores the detector on the NAB realTweets series and writes the markdown section of docs/benchmarks.md.
/// <c>--set Option=value</c> overrides one option (for exploring), <c>--loo</c> adds a leave-one-out check
/// of the override grid given with <c>--grid Option=v1,v2,...</c>; <c>--peaks</c> prints every episode start
/// with its evidence (threshold, peak, p-value, martingale, saliency) to stderr, for diagnosis.
/// </summary>
internal static class NabRunner
{
    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: nab <data-dir> [--config <json>] [--out <md>] [--set Option=value]... [--grid Option=v1,v2]... [--loo] [--peaks]");
            return 2;
        }
        var dataDirectory = args[0];
        string? configPath = null;
        string? outPath = null;
        var overrides = new List<(string Key, string Value)>();
        var grid = new List<(string Key, string[] Values)>();
        var leaveOneOut = false;
        var peaks = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config": configPath = args[++i]; break;
                case "--out": outPath = args[++i]; break;
                case "--loo": leaveOneOut = true; break;
                case "--peaks": peaks = true; break;
                case "--set":
                    var pair = args[++i].Split('=', 2);
                    overrides.Add((pair[0], pair[1]));
                    break;
                case "--grid":
                    var axis = args[++i].Split('=', 2);
                    grid.Add((axis[0], axis[1].Split(',')));
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}");
                    return 2;
            }
        }
        if (!Directory.Exists(dataDirectory))
        {
            Console.Error.WriteLine($"NAB data not found at {dataDirectory}: skipped.");
            return 0;
        }

        var baseJson = configPath is null ? DetectorOptions.Default.ToJson() : File.ReadAllText(configPath);
        var options = WithOverrides(baseJson, overrides);
        var evaluation = NabEvaluation.Run(dataDirectory, options);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"NAB realTweets ({evaluation.Files.Count} series, {evaluation.Files.Sum(f => f.Scores[NabProfile.Standard.Name].Windows)} windows), {(configPath is null ? "default options" : configPath)}{(overrides.Count == 0 ? "" : " with " + string.Join(", ", overrides.Select(o => $"{o.Key}={o.Value}")))}; bucket size inferred from the timestamps (5 minutes). Written by `ops/bench/nab.sh`.");
        report.AppendLine();
        report.Append(evaluation.ToMarkdown());
        if (peaks) PrintPeaks(evaluation, dataDirectory);
        if (grid.Count > 0) report.Append(GridReport(dataDirectory, baseJson, overrides, grid, evaluation, leaveOneOut));
        Console.WriteLine(report.ToString());
        if (outPath is not null) File.WriteAllText(outPath, report.ToString());
        return 0;
    }

    // Diagnostic: the strongest deviations of each file, merged within 6 hours, and whether they fall in a window.
    private static void PrintPeaks(NabEvaluation evaluation, string dataDirectory)
    {
        var windows = NabWindows.Load(Path.Combine(dataDirectory, "windows.json"));
        foreach (var file in evaluation.Files)
        {
            Console.Error.WriteLine(file.File);
            for (var i = 0; i < file.Decisions.Count; i++)
            {
                var d = file.Decisions[i];
                if (!(d.Phase == BuzzPhase.Rising && (i == 0 || file.Decisions[i - 1].Phase is BuzzPhase.Calm or BuzzPhase.Watch))) continue;
                var t = file.Rows[i].Timestamp;
                var inWindow = windows[file.File].Any(w => t >= w.Start && t <= w.End);
                double peak = 0, above = 0, minP = 1, maxM = 0, maxSr = 0;
                for (var j = i; j < Math.Min(i + 36, file.Decisions.Count); j++)
                {
                    var e = file.Decisions[j];
                    peak = Math.Max(peak, e.Deviation / e.Threshold);
                    if (e.Deviation >= e.Threshold) above++;
                    minP = Math.Min(minP, e.IidPValue);
                    maxM = Math.Max(maxM, e.ChangePointScore);
                    maxSr = Math.Max(maxSr, e.SpectralScore);
                }
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {file.Rows[i].TimestampText} {(inWindow ? "WINDOW" : "      ")} {(d.IsAlert ? "ALERT" : "     ")} thr={d.Threshold:F1} peak/thr={peak:F2} above={above} minP={minP:F3} maxM={maxM:F1} sr={maxSr:F1} sev={d.Severity}"));
            }
        }
    }

    private static DetectorOptions WithOverrides(string json, IEnumerable<(string Key, string Value)> overrides)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var (key, value) in overrides)
        {
            node[key] = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : bool.TryParse(value, out var flag) ? JsonValue.Create(flag) : JsonValue.Create(value);
        }
        return DetectorOptions.FromJson(node.ToJsonString());
    }

    private static string GridReport(string dataDirectory, string baseJson, List<(string Key, string Value)> overrides,
        List<(string Key, string[] Values)> grid, NabEvaluation baseline, bool leaveOneOut)
    {
        var combinations = new List<List<(string Key, string Value)>> { new() };
        foreach (var (key, values) in grid)
            combinations = combinations.SelectMany(c => values.Select(v => new List<(string, string)>(c) { (key, v) })).ToList();

        var c = CultureInfo.InvariantCulture;
        var files = baseline.Files.Select(f => f.File).ToArray();
        // Per combination, per file: raw standard score; normalisation needs window counts per file.
        var windowsPerFile = baseline.Files.ToDictionary(f => f.File, f => f.Scores[NabProfile.Standard.Name].Windows);
        var raw = new List<(string Label, Dictionary<string, double> Scores)>();
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("| combination | standard | low FP | low FN | alerts |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var combination in combinations)
        {
            var options = WithOverrides(baseJson, overrides.Concat(combination));
            var evaluation = NabEvaluation.Run(dataDirectory, options);
            var label = string.Join(" ", combination.Select(p => $"{p.Key}={p.Value}"));
            raw.Add((label, evaluation.Files.ToDictionary(f => f.File, f => f.Scores[NabProfile.Standard.Name].Score)));
            text.AppendLine(c, $"| {label} | {evaluation.Score(NabProfile.Standard):F1} | {evaluation.Score(NabProfile.RewardLowFalsePositives):F1} | {evaluation.Score(NabProfile.RewardLowFalseNegatives):F1} | {evaluation.Files.Sum(f => f.Alerts)} |");
            Console.Error.WriteLine($"{label}: {evaluation.Score(NabProfile.Standard):F1}");
        }
        if (!leaveOneOut) return text.ToString();

        text.AppendLine();
        text.AppendLine("Leave-one-out (standard profile): choose the combination best on the other series, score it on the held-out one.");
        text.AppendLine();
        text.AppendLine("| held out | chosen on the others | held-out normalised score | same file with the chosen-on-all combination |");
        text.AppendLine("|---|---|---|---|");
        var bestOverall = raw.MaxBy(r => r.Scores.Values.Sum());
        foreach (var heldOut in files)
        {
            var chosen = raw.MaxBy(r => r.Scores.Where(s => s.Key != heldOut).Sum(s => s.Value));
            var w = windowsPerFile[heldOut];
            text.AppendLine(c, $"| {heldOut} | {chosen.Label} | {NabScorer.Normalise(chosen.Scores[heldOut], w, NabProfile.Standard):F1} | {NabScorer.Normalise(bestOverall.Scores[heldOut], w, NabProfile.Standard):F1} |");
        }
        var looTotal = files.Sum(heldOut => raw.MaxBy(r => r.Scores.Where(s => s.Key != heldOut).Sum(s => s.Value)).Scores[heldOut]);
        text.AppendLine();
        text.AppendLine(c, $"Leave-one-out corpus score (each file scored with the combination chosen without it): {NabScorer.Normalise(looTotal, windowsPerFile.Values.Sum(), NabProfile.Standard):F1}.");
        return text.ToString();
    }
}
