using System.ComponentModel;
using System.Globalization;
using Crisis.Cli.Hosting;
using Crisis.Detection.Monitoring;
using Crisis.Detection.Replaying;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Replaying;

/// <summary>
/// <c>crisis replay</c>: re-runs detection for one brand over stored mentions, in memory (nothing is appended,
/// published or paged), and says whether it reproduces the live decisions. Exit codes: 0 reproduced, 3 differs,
/// 1 the store could not be read.
/// </summary>
public sealed class ReplayCommand : AsyncCommand<ReplayCommand.Settings>
{
    public sealed class Settings : ReplaySettings
    {
        [CommandOption("--speed <X>")]
        [Description("'max' (default) prints at once; a number N paces the decisions at N times real (event) time, for demos.")]
        public string Speed { get; init; } = "max";

        public double? Pace => Speed.Equals("max", StringComparison.OrdinalIgnoreCase) ? null
            : double.TryParse(Speed, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.NaN;

        public override ValidationResult Validate() =>
            Pace is { } x && !(x > 0) ? ValidationResult.Error("--speed must be 'max' or a positive number")
            : Pace is not null && Format != OutputFormat.Table ? ValidationResult.Error("--speed paces a table for people: leave it out with --output json or csv")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            using var host = StoreHost.Build(settings);
            var replays = new DetectionReplays(host.Services.GetRequiredService<StoredDetectionEvents>(), new MonitorOptions { Detector = settings.LiveDetector() });
            var started = System.Diagnostics.Stopwatch.StartNew();
            var run = await replays.ReplayAsync(settings.Window, cancellationToken);
            var elapsed = started.Elapsed;
            var comparison = run.Comparison;

            if (settings.Format != OutputFormat.Table) DecisionsTable.Machine(comparison.Live, comparison.Replayed).Write(settings.Format, Console.Out);
            else if (settings.Pace is { } pace) await PaceAsync(comparison, pace, cancellationToken);
            else AnsiConsole.Write(DecisionsTable.Rows(comparison.Live, comparison.Replayed, "replayed"));

            // A script reads the rows on standard output and the exit code; the verdict for people goes to standard error then.
            var verdict = settings.Format == OutputFormat.Table ? Console.Out : Console.Error;
            verdict.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{settings.Brand}: {run.Mentions} mention(s) replayed up to store sequence {run.UpToSequence} in {elapsed.TotalSeconds:F1} s; {comparison.Replayed.Count} replayed event(s), {comparison.Live.Count} live."));
            if (comparison.FirstDifference is { } difference)
            {
                verdict.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DIFFERS from live at event {difference.Index}:"));
                verdict.WriteLine($"  live:     {difference.Live ?? "(none)"}");
                verdict.WriteLine($"  replayed: {difference.Replayed ?? "(none)"}");
                return 3;
            }
            verdict.WriteLine("Reproduces the live decisions exactly.");
            return 0;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or Crisis.Detection.Detecting.DetectorOptionsException)
        {
            await Console.Error.WriteLineAsync($"crisis replay: {e.Message}");
            return 1;
        }
    }

    /// <summary>Prints the decisions one by one, waiting the event time between their buckets divided by the speed.</summary>
    private static async Task PaceAsync(ReplayComparison comparison, double speed, CancellationToken cancellationToken)
    {
        DateTimeOffset? previous = null;
        for (var i = 0; i < Math.Max(comparison.Live.Count, comparison.Replayed.Count); i++)
        {
            var row = DecisionsTable.Row(comparison.Live, comparison.Replayed, i);
            var bucket = BuzzEventFacts.BucketOf(i < comparison.Replayed.Count ? comparison.Replayed[i] : comparison.Live[i]);
            if (previous is { } p && bucket > p) await Task.Delay(TimeSpan.FromTicks((long)((bucket - p).Ticks / speed)), cancellationToken);
            previous = bucket;
            AnsiConsole.MarkupLine(string.Join("  ", row));
        }
    }
}
