using System.Diagnostics;
using System.Globalization;
using System.Text;
using Crisis.Detection;
using Crisis.Detection.Projecting;
using Crisis.Ingestion;
using JasperFx.Events.Daemon;
using Crisis.Ingestion.Brands;
using Crisis.Ingestion.ReceivingOverHttp;
using Crisis.Ingestion.Recording;
using Crisis.ServiceDefaults.EventSourcing;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Crisis.Benchmarks.Ingestion;

/// <summary>
/// Whole-process ingestion benchmark against the real PostgreSQL: NDJSON bodies parsed, validated, scored
/// (when a model is registered), deduplicated and committed by the same MentionRecorder the API uses, from two
/// concurrent writers (two cores); then the same rows through a raw binary COPY, for the ratio.
/// </summary>
public static class IngestionHarness
{
    private const string Connection = "Host=127.0.0.1;Port=5432;Database=crisis;Username=crisis;Password=crisis;Maximum Pool Size=20";
    private const string Schema = "bench_ingest";

    public static async Task<int> RunAsync(string[] args)
    {
        var mentions = Option(args, "--mentions", 400_000);
        var perBody = Option(args, "--batch", 5_000);
        var writers = Option(args, "--writers", 2);
        var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
        WithDetection = !args.Contains("--no-detection");
        WithScoring = !args.Contains("--no-scoring");

        await DropSchemaAsync();
        using var host = BuildHost();
        await host.StartAsync();
        var recorder = host.Services.GetRequiredService<MentionRecorder>();
        await RegisterBrandsAsync(host.Services.GetRequiredService<IDocumentStore>());

        var start = DateTimeOffset.UtcNow.AddDays(-1);
        Console.WriteLine($"generating {mentions:N0} mentions in bodies of {perBody:N0}");
        var bodies = BenchmarkMentions.Bodies(mentions, perBody, start);
        var bytes = bodies.Sum(b => (long)b.Length);

        using var memory = new MemorySampler();
        var fresh = await TimeAsync(() => IngestAsync(recorder, bodies, writers));
        var detectionLag = WithDetection ? await WaitForDetectionAsync(host.Services.GetRequiredService<IDocumentStore>()) : TimeSpan.Zero;
        var resend = await TimeAsync(() => IngestAsync(recorder, bodies, writers));
        memory.Stop();
        if (fresh.Report.Accepted != mentions || resend.Report.Duplicate != mentions)
        {
            Console.Error.WriteLine($"unexpected counts: {fresh.Report} / {resend.Report}");
            return 1;
        }

        var copy = await TimeAsync(() => CopyAsync(bodies));
        var report = Report(mentions, perBody, writers, bytes, fresh.Elapsed, resend.Elapsed, copy.Elapsed, memory, detectionLag);
        Console.WriteLine(report);
        if (output is not null) await File.WriteAllTextAsync(output, report);
        await host.StopAsync();
        await DropSchemaAsync();
        return 0;
    }

    private static async Task<IntakeReport> IngestAsync(MentionRecorder recorder, List<byte[]> bodies, int writers)
    {
        var next = -1;
        var reports = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            var total = IntakeReport.Empty;
            for (var i = Interlocked.Increment(ref next); i < bodies.Count; i = Interlocked.Increment(ref next))
            {
                var report = await recorder.RecordAsync(MentionBodyReader.Read(bodies[i]), CancellationToken.None);
                total = new IntakeReport(total.Accepted + report.Accepted, total.Duplicate + report.Duplicate, total.Rejected + report.Rejected, []);
            }
            return total;
        })));
        return reports.Aggregate(IntakeReport.Empty, (a, b) => new IntakeReport(a.Accepted + b.Accepted, a.Duplicate + b.Duplicate, a.Rejected + b.Rejected, []));
    }

    /// <summary>The same rows, already parsed, through one binary COPY into a plain (logged) table: the floor of what PostgreSQL can take.</summary>
    private static async Task<IntakeReport> CopyAsync(List<byte[]> bodies)
    {
        var rows = bodies.SelectMany(b => MentionBodyReader.Read(b)).Select(i => i.Mention!).ToList();
        await using var dataSource = NpgsqlDataSource.Create(Connection);
        await using (var create = dataSource.CreateCommand($"CREATE TABLE {Schema}.copy_baseline (platform text, post_id text, brand_id text, author_handle text, followers bigint, text text, url text, published_at timestamptz, received_at timestamptz)"))
        {
            await create.ExecuteNonQueryAsync();
        }
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {Schema}.copy_baseline (platform, post_id, brand_id, author_handle, followers, text, url, published_at, received_at) FROM STDIN (FORMAT BINARY)");
        var now = DateTime.UtcNow;
        foreach (var m in rows)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(m.Platform!, NpgsqlDbType.Text);
            await importer.WriteAsync(m.PostId!, NpgsqlDbType.Text);
            await importer.WriteAsync(m.BrandId!, NpgsqlDbType.Text);
            await importer.WriteAsync(m.Author!.Handle!, NpgsqlDbType.Text);
            await importer.WriteAsync(m.Author.Followers ?? 0, NpgsqlDbType.Bigint);
            await importer.WriteAsync(m.Text!, NpgsqlDbType.Text);
            await importer.WriteAsync(m.Url!, NpgsqlDbType.Text);
            await importer.WriteAsync(DateTimeOffset.Parse(m.PublishedAt!, CultureInfo.InvariantCulture).UtcDateTime, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
        }
        await importer.CompleteAsync();
        return new IntakeReport(rows.Count, 0, 0, []);
    }

    /// <summary>
    /// Live detection runs in the async daemon while the mentions are ingested; this measures how long after the
    /// last commit it has decided everything (its checkpoint reaches the last mention event).
    /// </summary>
    private static async Task<TimeSpan> WaitForDetectionAsync(IDocumentStore store)
    {
        var started = Stopwatch.GetTimestamp();
        await using var session = store.QuerySession();
        var last = await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == "mentions_recorded").MaxAsync(e => e.Sequence);
        while (true)
        {
            var checkpoint = await session.LoadAsync<DetectionCheckpoint>(DetectionCheckpoint.SingletonId);
            if (checkpoint is not null && checkpoint.LastSequence >= last) return Stopwatch.GetElapsedTime(started);
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(10)) throw new TimeoutException("detection did not catch up within 10 minutes");
            await Task.Delay(100);
        }
    }

    private static string Report(int mentions, int perBody, int writers, long bytes, TimeSpan fresh, TimeSpan resend, TimeSpan copy, MemorySampler memory, TimeSpan detectionLag)
    {
        string Rate(TimeSpan t) => (mentions / t.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);
        var ratio = copy.TotalSeconds / fresh.TotalSeconds;
        var scoring = IngestionHasScorer ? "on (the shipped negativity model)" : "off (no model registered)";
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture, $"### Ingestion {(WithScoring ? "with" : "without")} negativity scoring, {(WithDetection ? "with" : "without")} live detection running");
        builder.AppendLine();
        builder.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z by `ops/bench/ingestion.sh`: {mentions:N0} mentions ({bytes / 1024 / 1024:N0} MiB of NDJSON) in bodies of {perBody:N0}, {writers} concurrent writers, 10 brands; negativity scoring {scoring}; live detection {(WithDetection ? "running in the same process (async daemon)" : "off")}.");
        builder.AppendLine();
        builder.AppendLine("| path | mentions/s | seconds |");
        builder.AppendLine("|---|---:|---:|");
        builder.AppendLine(CultureInfo.InvariantCulture, $"| durable ingestion, new mentions (parse, validate{(WithScoring ? ", score" : "")}, dedup, append, commit) | {Rate(fresh)} | {fresh.TotalSeconds:F1} |");
        builder.AppendLine(CultureInfo.InvariantCulture, $"| durable ingestion, the same mentions again (all reported duplicate) | {Rate(resend)} | {resend.TotalSeconds:F1} |");
        builder.AppendLine(CultureInfo.InvariantCulture, $"| raw binary COPY of the same rows into a plain table (1 writer, no parsing, no dedup) | {Rate(copy)} | {copy.TotalSeconds:F1} |");
        builder.AppendLine();
        builder.AppendLine(CultureInfo.InvariantCulture, $"Durable ingestion reaches **{ratio:P0} of the raw COPY rate** (target: at least 30,000 mentions/s, aiming for half of COPY).");
        builder.AppendLine();
        if (WithDetection) builder.AppendLine(CultureInfo.InvariantCulture, $"Live detection (the async daemon's detection subscription, running in the same process during ingestion) had decided every mention {detectionLag.TotalSeconds:F1} s after the last commit: it processed the {mentions:N0} mentions at {(mentions / (fresh + detectionLag).TotalSeconds).ToString("N0", CultureInfo.InvariantCulture)} mentions/s while sharing the two cores with ingestion.");
        builder.AppendLine();
        builder.AppendLine(CultureInfo.InvariantCulture, $"Memory (RSS) during ingestion: {memory.Describe()}; peak RSS of the process {MemorySampler.PeakRssMiB():N0} MiB.");
        return builder.ToString();
    }

    private static bool IngestionHasScorer { get; set; }

    private static bool WithDetection { get; set; } = true;

    private static bool WithScoring { get; set; } = true;

    private static IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Crisis"] = Connection,
            ["EventStore:Schema"] = Schema,
            ["EventStore:ApplySchemaOnStartup"] = "true",
            ["Ingestion:Scoring:Enabled"] = WithScoring ? "true" : "false",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddMetrics();
        var store = builder.Services.AddCrisisEventStore(builder.Configuration).AddDetection(builder.Configuration);
        if (WithDetection) store.AddAsyncDaemon(DaemonMode.Solo);
        builder.Services.AddIngestion(builder.Configuration);
        var host = builder.Build();
        IngestionHasScorer = host.Services.GetService<Crisis.Ingestion.Scoring.INegativityScorer>() is not null;
        return host;
    }

    private static async Task RegisterBrandsAsync(IDocumentStore store)
    {
        await using var session = store.LightweightSession();
        foreach (var brand in BenchmarkMentions.Brands)
        {
            await session.HandleAsync(BrandStreams.KeyFor(brand), BrandDecider.Instance,
                new RegisterBrand(brand, brand, "bench", "benchmark", DateTimeOffset.UtcNow), null, CancellationToken.None);
        }
    }

    private static async Task DropSchemaAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(Connection);
        await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<(IntakeReport Report, TimeSpan Elapsed)> TimeAsync(Func<Task<IntakeReport>> run)
    {
        var started = Stopwatch.GetTimestamp();
        var report = await run();
        return (report, Stopwatch.GetElapsedTime(started));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
    }
}
