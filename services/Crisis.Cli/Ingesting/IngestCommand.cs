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
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("NDJSON (one mention per line) or CSV with a header row (see docs/architecture.md).")]
        public string File { get; init; } = "";

        [CommandOption("--chunk-size <N>")]
        [Description("Mentions per commit. Default 5000.")]
        public int ChunkSize { get; init; } = 5_000;

        public override ValidationResult Validate() =>
            ChunkSize is < 1 or > 100_000 ? ValidationResult.Error("--chunk-size must be between 1 and 100000") : ValidationResult.Success();
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
            await AnsiConsole.Progress().AutoClear(false).HideCompleted(false).StartAsync(async progress =>
            {
                var task = progress.AddTask($"ingesting {Path.GetFileName(settings.File)}", maxValue: Math.Max(1, stream.Length));
                await foreach (var chunk in MentionFileReader.ReadChunksAsync(stream, settings.File, settings.ChunkSize, cancellationToken))
                {
                    report = report.Add(await recorder.RecordAsync(chunk, cancellationToken));
                    task.Value = stream.Position;
                    task.Description = $"ingesting {Path.GetFileName(settings.File)}: {report.Accepted:N0} new, {report.Duplicate:N0} known, {report.Rejected:N0} rejected";
                }
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

        PrintReport(settings.File, report);
        return report.Rejected == 0 ? 0 : 2;
    }

    private static void PrintReport(string file, IntakeReport report)
    {
        var table = new Table().AddColumns("stored", "already known", "rejected");
        table.AddRow(report.Accepted.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            report.Duplicate.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            report.Rejected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        const int shown = 50;
        foreach (var error in report.Errors.Take(shown))
        {
            Console.Error.WriteLine($"{file}:{error.Line}: {error.Field}: {error.Reason}");
        }
        if (report.Errors.Count > shown) Console.Error.WriteLine($"… and {report.Errors.Count - shown} more errors");
    }
}
