using System.ComponentModel;
using Crisis.Cli.Hosting;
using Crisis.Ingestion.ReadingFiles;
using Crisis.Ingestion.Recording;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Ingesting;

/// <summary>
/// <c>crisis ingest file.ndjson|file.csv</c>: stores a file of mentions through the same path as the API.
/// Re-running the same file adds nothing (every mention is already known). Exit codes: 0 all stored or known,
/// 2 some items rejected (listed), 1 the file could not be read at all.
/// </summary>
public sealed class IngestCommand : AsyncCommand<IngestCommand.Settings>
{
    public sealed class Settings : TableSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("NDJSON (one mention per line) or CSV with a header row (see docs/architecture.md).")]
        public string File { get; init; } = "";

        [CommandOption("--chunk-size <N>")]
        [Description("Mentions per commit. Default 5000.")]
        public int ChunkSize { get; init; } = 5_000;

        public override ValidationResult Validate() =>
            ChunkSize is < 1 or > 100_000 ? ValidationResult.Error("--chunk-size must be between 1 and 100000") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!System.IO.File.Exists(settings.File))
        {
            Console.Error.WriteLine($"error: file not found: {settings.File}");
            return 1;
        }
        using var host = StoreHost.Build(settings);
        await host.StartAsync(cancellationToken);
        var recorder = host.Services.GetRequiredService<MentionRecorder>();
        var report = IntakeReport.Empty;
        try
        {
            await using var stream = System.IO.File.OpenRead(settings.File);
            var name = Path.GetFileName(settings.File);
            // A progress bar is for people; with --output json or csv standard output carries the figures alone.
            if (settings.Format != OutputFormat.Table) report = await IngestAsync(stream, settings, recorder, _ => { }, cancellationToken);
            else await AnsiConsole.Progress().AutoClear(false).HideCompleted(false).StartAsync(async progress =>
            {
                var task = progress.AddTask($"ingesting {name}", maxValue: Math.Max(1, stream.Length));
                report = await IngestAsync(stream, settings, recorder, sofar =>
                {
                    task.Value = stream.Position;
                    task.Description = $"ingesting {name}: {sofar.Accepted:N0} new, {sofar.Duplicate:N0} known, {sofar.Rejected:N0} rejected";
                }, cancellationToken);
                task.Value = task.MaxValue;
            });
        }
        catch (MentionCsvReader.MalformedCsvException e)
        {
            Console.Error.WriteLine($"error: {settings.File}: {e.Message}");
            return 1;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            Console.Error.WriteLine($"error: the event store schema '{settings.Schema}' is not set up: run 'crisis db migrate' first ({e.MessageText})");
            return 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        PrintReport(settings, report);
        return report.Rejected == 0 ? 0 : 2;
    }

    private static async Task<IntakeReport> IngestAsync(Stream stream, Settings settings, MentionRecorder recorder, Action<IntakeReport> progress, CancellationToken ct)
    {
        var report = IntakeReport.Empty;
        await foreach (var chunk in MentionFileReader.ReadChunksAsync(stream, settings.File, settings.ChunkSize, ct))
        {
            report = report.Add(await recorder.RecordAsync(chunk, ct));
            progress(report);
        }
        return report;
    }

    private static void PrintReport(Settings settings, IntakeReport report)
    {
        new OutputTable(new("file", "file"), new("stored", "stored"), new("alreadyKnown", "already known"), new("rejected", "rejected"))
            .Add(settings.File, report.Accepted, report.Duplicate, report.Rejected)
            .Write(settings.Format, Console.Out);
        const int shown = 50;
        foreach (var error in report.Errors.Take(shown))
        {
            Console.Error.WriteLine($"{settings.File}:{error.Line}: {error.Field}: {error.Reason}");
        }
        if (report.Errors.Count > shown) Console.Error.WriteLine($"… and {report.Errors.Count - shown} more errors");
    }
}
