using System.Diagnostics;
using System.Globalization;
using Crisis.Detection;
using Crisis.Detection.Buzz;
using Crisis.Detection.Replaying;
using Crisis.Ingestion;
using Crisis.Ingestion.Mentions;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.PersonalData.Pseudonymising;
using Crisis.PersonalData.Storing;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crisis.Benchmarks.Detection;

/// <summary>
/// The replay end to end on the real PostgreSQL: one brand's generated day of mentions (the same as
/// <see cref="ReplayHarness"/>) plus a second brand's chatter is stored as <c>MentionsRecorded</c> events in a schema
/// of its own (untimed set-up), then <see cref="DetectionReplays.ReplayAsync"/> — the code behind
/// <c>crisis replay</c> and <c>POST /api/replays</c> — is timed: the server's scan in store order, the transfer,
/// deserialisation and the detector. Usage: <c>replay-store [--mentions N] [--connection CS]</c>.
/// </summary>
public static class StoredReplayHarness
{
    private const string Schema = "bench_replay";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.SkipWhile(a => a != "--mentions").Skip(1).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).FirstOrDefault(1_000_000);
        var connection = args.SkipWhile(a => a != "--connection").Skip(1).FirstOrDefault()
            ?? Environment.GetEnvironmentVariable("CRISIS_CONNECTION")
            ?? "Host=127.0.0.1;Port=5432;Database=crisis;Username=crisis;Password=crisis";
        await using (var drop = NpgsqlDataSource.Create(connection))
        {
            await drop.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE").ExecuteNonQueryAsync();
        }
        using var host = Build(connection);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IDocumentStore>();

        var day = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var fill = Stopwatch.StartNew();
        var events = await FillAsync(store, host.Services.GetRequiredService<NpgsqlDataSource>(), ReplayHarness.Generate(count, day));
        fill.Stop();
        var size = await ScalarAsync(host, $"SELECT pg_total_relation_size('{Schema}.mt_events')");

        var replays = host.Services.GetRequiredService<DetectionReplays>();
        var rssBefore = Process.GetCurrentProcess().WorkingSet64;
        var watch = Stopwatch.StartNew();
        var run = await replays.ReplayAsync(new ReplayWindow("brand-00", day, day.AddDays(1)), CancellationToken.None);
        watch.Stop();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        await host.StopAsync();
        // A million mentions take hundreds of MB: the benchmark leaves no schema behind.
        await using (var drop = NpgsqlDataSource.Create(connection))
        {
            await drop.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE").ExecuteNonQueryAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {run.Mentions:N0} | {events:N0} ({size / 1_000_000:N0} MB) | {fill.Elapsed.TotalSeconds:F0} s | **{watch.Elapsed.TotalSeconds:F1} s** | {run.Mentions / watch.Elapsed.TotalSeconds:N0} | {run.Comparison.Replayed.Count} ({run.Comparison.Replayed.OfType<BuzzEscalated>().Count()} page(s)) | {rssBefore / 1_048_576:N0} / {peak / 1_048_576:N0} MiB |"));
        return 0;
    }

    private static IHost Build(string connection)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Crisis"] = connection,
            ["EventStore:Schema"] = Schema,
            ["EventStore:ApplySchemaOnStartup"] = "true",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddMetrics();
        builder.Services.AddCrisisEventStore(builder.Configuration).AddDetection(builder.Configuration);
        builder.Services.AddIngestion(builder.Configuration);
        builder.Services.ConfigureMarten(options => options.Projections.AsyncMode = JasperFx.Events.Daemon.DaemonMode.ExternallyManaged);
        return builder.Build();
    }

    /// <summary>
    /// Appends the followed brand's batches and, for each, a small batch of another brand, as a busy store holds; stored
    /// as ingestion stores them: pseudonymous events without words, the handles and texts in <c>mention_keys</c>, which
    /// the replay reads back for its term counts.
    /// </summary>
    private static async Task<long> FillAsync(IDocumentStore store, NpgsqlDataSource dataSource, List<object> generated)
    {
        long appended = 0;
        var other = 0;
        using var namer = new AuthorPseudonyms.Namer(new byte[32]);
        foreach (var page in generated.OfType<MentionsRecorded>().Chunk(100))
        {
            var mentions = page.SelectMany(b => b.Mentions.Select(m => (b.BrandId, b.StreamKey, Mention: m))).ToList();
            // Named once per mention: the same pseudonym goes to mention_keys and into the event.
            var pseudonyms = page.SelectMany(b => b.Mentions).ToDictionary(m => (m.Platform, m.PostId), m => namer.Of(m.Platform.WireName(), m.Author.Handle));
            await using (var keep = dataSource.CreateCommand(
                $"""
                INSERT INTO {Schema}.{PersonalDataTables.Mentions} (platform, post_id, brand_id, stream_key, published_at, recorded_at,
                    organisation_id, author_pseudonym, author_handle, text)
                SELECT k.platform, k.post_id, k.brand_id, k.stream_key, k.published_at, now(), 'bench', k.pseudonym, k.handle, k.text
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[])
                     AS k(platform, post_id, brand_id, stream_key, published_at, pseudonym, handle, text)
                """))
            {
                keep.Parameters.Add(new NpgsqlParameter { Value = mentions.Select(m => m.Mention.Platform.WireName()).ToArray() });
                keep.Parameters.Add(new NpgsqlParameter { Value = mentions.Select(m => m.Mention.PostId).ToArray() });
                keep.Parameters.Add(new NpgsqlParameter { Value = mentions.Select(m => m.BrandId).ToArray() });
                keep.Parameters.Add(new NpgsqlParameter { Value = mentions.Select(m => m.StreamKey).ToArray() });
                keep.Parameters.Add(new NpgsqlParameter { Value = mentions.Select(m => m.Mention.PublishedAt.UtcDateTime).ToArray() });
                keep.Parameters.Add(new NpgsqlParameter { Value = mentions.Select(m => pseudonyms[(m.Mention.Platform, m.Mention.PostId)]).ToArray() });
                keep.Parameters.Add(new NpgsqlParameter { Value = mentions.Select(m => m.Mention.Author.Handle).ToArray() });
                keep.Parameters.Add(new NpgsqlParameter { Value = mentions.Select(m => m.Mention.Text ?? "").ToArray() });
                await keep.ExecuteNonQueryAsync();
            }
            await using var session = store.LightweightSession();
            foreach (var recorded in page)
            {
                var batch = recorded with
                {
                    Mentions = [.. recorded.Mentions.Select(m => m with
                    {
                        Author = new MentionAuthorProfile(pseudonyms[(m.Platform, m.PostId)], null, m.Author.Followers),
                        Text = null,
                        Url = null,
                    })],
                };
                session.Events.Append(batch.StreamKey, batch);
                var last = batch.Mentions[^1];
                var neighbour = new MentionsRecorded(MentionStreams.KeyFor("brand-01", batch.Hour), "brand-01", batch.Hour, batch.RecordedAt,
                    [last with { PostId = string.Create(CultureInfo.InvariantCulture, $"other-{other++}") }]);
                session.Events.Append(neighbour.StreamKey, neighbour);
                appended += 2;
            }
            await session.SaveChangesAsync();
        }
        return appended;
    }

    private static async Task<long> ScalarAsync(IHost host, string sql)
    {
        await using var command = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
