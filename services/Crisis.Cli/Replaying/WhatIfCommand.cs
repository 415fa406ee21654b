using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Crisis.Cli.Hosting;
using Crisis.Detection.Detecting;
using Crisis.Detection.Monitoring;
using Crisis.Detection.Replaying;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Replaying;

/// <summary>
/// <c>crisis what-if</c>: replays one brand's window with other detector options and reports against live: pages
/// that appear or vanish, time to detect per episode, false alarms. In memory; nothing is paged. Exit codes: 0
/// done, 1 bad options file or store unreachable.
/// </summary>
public sealed class WhatIfCommand : AsyncCommand<WhatIfCommand.Settings>
{
    public sealed class Settings : ReplaySettings
    {
        [CommandOption("-c|--config <JSON>")]
        [Description("Detector options to try (DetectorOptions JSON, as for crisis evaluate).")]
        public string? Config { get; init; }

        [CommandOption("--set <OPTION=VALUE>")]
        [Description("Changes one detector option of the live ones (or of --config), e.g. --set AlertThreshold=3 --set Persistence=00:05:00. Repeatable.")]
        public string[] Set { get; init; } = [];

        [CommandOption("--json <FILE>")]
        [Description("Also write the comparison as JSON.")]
        public string? Json { get; init; }

        [CommandOption("--csv <FILE>")]
        [Description("Also write the episodes (onset, end, live and what-if time to detect) as CSV.")]
        public string? Csv { get; init; }

        public override ValidationResult Validate()
        {
            if (Config is null && Set.Length == 0) return ValidationResult.Error("--config <JSON> or --set <OPTION=VALUE> is required: what should differ from live?");
            if (Config is not null && !File.Exists(Config)) return ValidationResult.Error($"--config: file not found: {Config}");
            if (Set.FirstOrDefault(s => s.IndexOf('=', StringComparison.Ordinal) <= 0) is { } bad) return ValidationResult.Error($"--set: '{bad}' is not Option=value");
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var live = settings.LiveDetector();
            var tried = OptionOverrides.Apply(settings.Config is null ? live : DetectorOptions.Load(settings.Config), settings.Set);
            using var host = StoreHost.Build(settings);
            var replays = new DetectionReplays(host.Services.GetRequiredService<StoredDetectionEvents>(), new MonitorOptions { Detector = live });
            var (run, report) = await replays.WhatIfAsync(settings.Window, tried, cancellationToken);

            if (settings.Format == OutputFormat.Table)
            {
                AnsiConsole.Write(DecisionsTable.Rows(run.Comparison.Live, run.Comparison.Replayed, "what-if"));
                EpisodesTable(report, people: true).Write(OutputFormat.Table, Console.Out);
            }
            else EpisodesTable(report, people: false).Write(settings.Format, Console.Out);
            // A script reads the episodes on standard output (and the whole comparison with --json FILE); the summary goes to standard error then.
            var summary = settings.Format == OutputFormat.Table ? Console.Out : Console.Error;
            summary.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{settings.Brand}: {report.LivePages.Count} live page(s), {report.WhatIfPages.Count} what-if page(s): {report.Appeared.Count} appear, {report.Vanished.Count} vanish, {report.FalseAlarms.Count} false alarm(s) (pages in episodes live never paged)."));
            foreach (var page in report.Appeared) summary.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  + {page.Kind} at {page.DetectedAt.UtcDateTime:yyyy-MM-dd HH:mm}, {page.TimeToDetect.TotalMinutes:F0} min after onset, severity {page.Severity}"));
            foreach (var page in report.Vanished) summary.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  - {page.Kind} at {page.DetectedAt.UtcDateTime:yyyy-MM-dd HH:mm}, severity {page.Severity}"));

            if (settings.Json is { } json) await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, JsonOutput), cancellationToken);
            if (settings.Csv is { } csv) await File.WriteAllTextAsync(csv, Csv(report), cancellationToken);
            return 0;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or DetectorOptionsException)
        {
            await Console.Error.WriteLineAsync($"crisis what-if: {e.Message}");
            return 1;
        }
    }

    private static readonly JsonSerializerOptions JsonOutput = new() { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>For people an open episode reads "running" and a time to detect "12 min" or "no page"; scripts get null and the minutes.</summary>
    private static OutputTable EpisodesTable(WhatIfComparison report, bool people)
    {
        var table = new OutputTable(new("onset", "episode onset (UTC)"), new("end", "end"), new("liveEpisode", "live episode"),
            new("liveMinutesToDetect", "live time to detect"), new("whatIfEpisode", "what-if episode"), new("whatIfMinutesToDetect", "what-if time to detect"));
        foreach (var e in report.Episodes)
        {
            table.Add(e.Onset, people ? (object?)e.End ?? "running" : e.End, e.LiveEpisode ?? (people ? "-" : null), Minutes(e.LiveTimeToDetect, people),
                e.WhatIfEpisode ?? (people ? "-" : null), Minutes(e.WhatIfTimeToDetect, people));
        }
        return table;
    }

    private static object? Minutes(TimeSpan? t, bool people) => people
        ? t is { } x ? x.TotalMinutes.ToString("F0", CultureInfo.InvariantCulture) + " min" : "no page"
        : t?.TotalMinutes;

    private static string Csv(WhatIfComparison report)
    {
        var text = new StringBuilder("onset,end,live_episode,live_minutes_to_detect,what_if_episode,what_if_minutes_to_detect\n");
        foreach (var e in report.Episodes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{e.Onset.UtcDateTime:O},{e.End?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)},{e.LiveEpisode},{e.LiveTimeToDetect?.TotalMinutes},{e.WhatIfEpisode},{e.WhatIfTimeToDetect?.TotalMinutes}");
        }
        return text.ToString();
    }
}
