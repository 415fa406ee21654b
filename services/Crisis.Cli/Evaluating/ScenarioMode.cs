using Crisis.Cli.Sampling;
using Crisis.Detection.Detecting;
using Crisis.Detection.Evaluating.Scenarios;
using Crisis.Detection.Monitoring;
using Crisis.Ingestion.Scoring;

namespace Crisis.Cli.Evaluating;

/// <summary><c>crisis evaluate --scenarios 1-140</c>: generated streams with known truth, played through the live monitor.</summary>
internal static class ScenarioMode
{
    public static async Task<int> RunAsync(EvaluateCommand.Settings settings, DetectorOptions detector, CancellationToken cancellationToken)
    {
        if (!ScenarioSeeds.TryParse(settings.Scenarios!, out var seeds, out var problem)) throw new InvalidDataException(problem);
        var texts = Texts(settings.Texts);
        var evaluation = ScenarioEvaluation.Run(texts, seeds, new MonitorOptions { Detector = detector }, Environment.ProcessorCount);
        var report = evaluation.ToMarkdown();
        Console.WriteLine(report);
        if (settings.Report is { } path) await WriteAsync("--report", path, report, cancellationToken);
        if (settings.Output is { Length: > 0 } output) await WriteAsync("--output", output, ScenarioOutcomesCsv.Write(evaluation), cancellationToken);
        return 0;
    }

    private static async Task WriteAsync(string option, string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllTextAsync(path, text, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{option}: {path}: {e.Message}", e);
        }
    }

    private static ScenarioTextPool Texts(string? path)
    {
        if (path is not null)
        {
            if (!File.Exists(path)) throw new IOException($"--texts: {path}: file not found");
            return ScenarioTextPool.FromSentimentFile(NegativityScorer.Default, path);
        }
        if (SharedSentimentDev() is { } dev) return ScenarioTextPool.FromSentimentFile(NegativityScorer.Default, dev);
        return ScenarioTextPool.FromTexts(NegativityScorer.Default,
            Fill(PostTemplates.Negative), Fill(PostTemplates.Neutral), Fill(PostTemplates.Positive), "built-in templates");
    }

    private static IEnumerable<string> Fill(string[] templates) => templates.Select(t => string.Format(System.Globalization.CultureInfo.InvariantCulture, t, "Atlas"));

    /// <summary>The shared corpus's dev split beside the repository (the folder holding Crisis.sln), searched upwards from here.</summary>
    private static string? SharedSentimentDev()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (!File.Exists(Path.Combine(directory.FullName, "Crisis.sln"))) continue;
                var dev = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "sentiment", "dev.tsv"));
                return File.Exists(dev) ? dev : null;
            }
        }
        return null;
    }
}
