using System.Diagnostics;
using System.Globalization;
using Crisis.CrisisCell;
using Crisis.CrisisCell.Desk;
using Crisis.CrisisCell.Desk.Claiming;
using Crisis.CrisisCell.Desk.Intake;
using Crisis.CrisisCell.Desk.Queue;
using Crisis.ServiceDefaults.EventSourcing;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crisis.Benchmarks.Desk;

/// <summary>
/// The response desk against the real PostgreSQL: an organisation with N open conversations (100,000 by default), the first
/// page of its queue read as the endpoint reads it (<see cref="DeskQueue.PageAsync"/>), and claims made as the endpoint
/// makes them (<see cref="ClaimingService.ClaimAsync"/>: the lookup, the one-responder-per-author check, FetchForWriting,
/// the decider, the append and the inline queue row). Prints markdown rows for ops/bench/desk.sh.
/// usage: desk [--conversations N] [--samples N]
/// </summary>
public static class DeskHarness
{
    private const string Schema = "bench_desk";
    private const string Connection = "Host=127.0.0.1;Port=5432;Database=crisis;Username=crisis;Password=crisis;Maximum Pool Size=20";
    private const string Organisation = "bench";
    private static readonly string[] Brands = [.. Enumerable.Range(0, 10).Select(i => $"brand{i}")];
    private static readonly string[] Languages = ["arabic", "french", "arabizi", "english"];
    private static readonly string[] Platforms = ["x", "facebook", "instagram"];

    public static async Task<int> RunAsync(string[] args)
    {
        var conversations = Option(args, "--conversations", 100_000);
        var samples = Option(args, "--samples", 1_000);
        await DropSchemaAsync();
        using var host = BuildHost();
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var now = DateTimeOffset.UtcNow;

        var seeding = Stopwatch.StartNew();
        var ids = await SeedAsync(store, conversations, claimable: samples, now);
        await AnalyzeAsync();
        seeding.Stop();
        Console.Error.WriteLine($"seeded {conversations} conversations in {seeding.Elapsed.TotalSeconds:F0} s");

        var all = new QueueFilter(null, null, null, null, ConversationStatus.Awaiting, ClaimFilter.Any);
        var narrowed = new QueueFilter("brand3", null, "french", null, ConversationStatus.Awaiting, ClaimFilter.Unclaimed);
        var firstPage = await TimeAsync(samples, async _ =>
        {
            await using var session = store.QuerySession();
            var page = await DeskQueue.PageAsync(session, Organisation, "bench-responder", all, now, 0, 50, CancellationToken.None);
            if (page.Count != 50) throw new InvalidOperationException($"the first page held {page.Count} rows");
        });
        var filteredPage = await TimeAsync(samples, async _ =>
        {
            await using var session = store.QuerySession();
            var page = await DeskQueue.PageAsync(session, Organisation, "bench-responder", narrowed, now, 0, 50, CancellationToken.None);
            if (page.Count != 50) throw new InvalidOperationException($"the filtered page held {page.Count} rows");
        });
        var brandPage = await TimeAsync(samples, async _ =>
        {
            await using var session = store.QuerySession();
            var page = await DeskQueue.PageAsync(session, Organisation, "bench-responder", all with { BrandId = "brand7" }, now, 0, 50, CancellationToken.None);
            if (page.Count != 50) throw new InvalidOperationException($"the brand's page held {page.Count} rows");
        });
        var claims = await TimeAsync(samples, async i =>
        {
            await using var session = store.LightweightSession();
            var claimed = await ClaimingService.ClaimAsync(session, null, Organisation, $"responder{i % 20}", ids[i], TimeSpan.FromMinutes(10), now, CancellationToken.None);
            if (claimed is not { Events.Count: 1 }) throw new InvalidOperationException($"claim {i} recorded nothing");
        });
        await host.StopAsync();
        await DropSchemaAsync();

        var open = conversations.ToString("N0", CultureInfo.InvariantCulture);
        Console.WriteLine(Row("first queue page (50 rows, no filter)", open, firstPage));
        Console.WriteLine(Row("first queue page (one brand)", open, brandPage));
        Console.WriteLine(Row("first queue page (brand + language + unclaimed: 1 row in 20 matches)", open, filteredPage));
        Console.WriteLine(Row("claim (each a different conversation)", open, claims));
        return 0;
    }

    /// <summary>
    /// The queue rows go in by bulk insert (what the inline projection would have written for a one-post conversation); the
    /// conversations that will be claimed get their streams too, through the real append path, so the claim finds them.
    /// </summary>
    private static async Task<string[]> SeedAsync(IDocumentStore store, int count, int claimable, DateTimeOffset now)
    {
        var random = new Random(14);
        var rows = new List<DeskConversation>(count);
        var streams = new List<(string Key, ConversationEvent[] Events)>(claimable);
        for (var i = 0; i < count; i++)
        {
            var brand = Brands[i % Brands.Length];
            var platform = Platforms[i % Platforms.Length];
            var id = ConversationStreams.IdFor(Organisation, brand, platform, $"post{i}");
            var published = now.AddMinutes(-random.Next(0, 3 * 24 * 60));
            var negative = random.NextDouble();
            var mention = new ConversationMention($"post{i}", $"author-{i % 40_000:x8}", (long)Math.Pow(10, random.NextDouble() * 6), Languages[i % Languages.Length],
                negative, negative > 0.5, random.NextDouble() < 0.2, null, published, [AnswerReasons.Negative], null, 0);
            ConversationEvent[] events =
            [
                new ConversationOpened(id, Organisation, brand, platform, mention.PostId, mention.AuthorPseudonym, false, published),
                new MentionJoinedConversation(id, mention, published),
            ];
            var state = (Conversation)ConversationDecider.Instance.Fold(events);
            if (i < claimable) streams.Add((ConversationStreams.KeyFor(id), events));
            else rows.Add(DeskConversation.From(ConversationStreams.KeyFor(id), state, 2));
        }
        await store.BulkInsertDocumentsAsync(rows, Weasel.Core.BulkInsertMode.InsertsOnly, batchSize: 5_000);
        foreach (var chunk in streams.Chunk(200))
        {
            await using var session = store.LightweightSession();
            foreach (var (key, events) in chunk) session.Events.StartStream(key, events.Cast<object>().ToArray());
            await session.SaveChangesAsync();
        }
        return [.. streams.Select(s => s.Key["conversation/".Length..])];
    }

    private static async Task<double[]> TimeAsync(int samples, Func<int, Task> operation)
    {
        for (var i = 0; i < 20; i++) await WarmUpAsync(operation, i);
        var timings = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation(i);
            timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(timings);
        return timings;
    }

    /// <summary>Warm-up runs of a claim would use up the conversations to claim: they are read-only for claims (a refused renewal by someone else).</summary>
    private static async Task WarmUpAsync(Func<int, Task> operation, int i)
    {
        try
        {
            await operation(i);
        }
        catch (DomainRefusalException)
        {
            // A second claim by another responder is refused; the connection pool and the compiled queries are warm all the same.
        }
    }

    private static string Row(string operation, string open, double[] timings) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {operation} | {open} | {timings.Length:N0} | {Percentile(timings, 0.50):F1} ms | {Percentile(timings, 0.90):F1} ms | {Percentile(timings, 0.99):F1} ms | {timings[^1]:F1} ms |");

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int Option(string[] args, string name, int otherwise)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : otherwise;
    }

    private static IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Crisis"] = Connection,
            ["EventStore:Schema"] = Schema,
            ["EventStore:ApplySchemaOnStartup"] = "true",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddMetrics();
        builder.Services.AddCrisisEventStore(builder.Configuration).AddCrisisCell(builder.Configuration);
        return builder.Build();
    }

    private static async Task AnalyzeAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(Connection);
        await using var analyze = dataSource.CreateCommand($"ANALYZE {Schema}.mt_doc_deskconversation");
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task DropSchemaAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(Connection);
        await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
