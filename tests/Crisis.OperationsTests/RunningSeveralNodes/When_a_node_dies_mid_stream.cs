using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using Crisis.Contracts.Mentions;
using Crisis.IntegrationTests.Notifying;
using Crisis.IntegrationTests.Running;
using Crisis.OperationsTests.Scenario;
using MassTransit;
using Npgsql;

namespace Crisis.OperationsTests.RunningSeveralNodes;

/// <summary>
/// Three host processes on loopback, one PostgreSQL schema, one RabbitMQ virtual host: each takes HTTP batches, all
/// compete for the bus intake and the notification queue, and the async daemon (projections, detection, publishing)
/// runs on one of them at a time. One is SIGKILLed while mentions stream in, including a buzz that must open an
/// incident and page a webhook; what its sender could not get acknowledged is sent again to a survivor.
/// </summary>
[NonParallelizable]
public class When_a_node_dies_mid_stream
{
    private const string Brand = "clusterco";
    private const int BatchSize = 25;

    private readonly string schema = TestServers.Schema + "_nodes";
    private string directory = null!;
    private NpgsqlDataSource database = null!;
    private NotificationReceivers receivers = null!;
    private IBusControl bus = null!;
    private HostProcess[] nodes = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        directory = Directory.CreateTempSubdirectory("crisis-ops-nodes-").FullName;
        database = NpgsqlDataSource.Create(TestServers.PostgresConnection);
        receivers = await NotificationReceivers.StartAsync();
        var settings = new Dictionary<string, string>(receivers.HostSettings())
        {
            ["EventStore__Schema"] = schema,
            ["Detection__OptionsFile"] = BuzzScenario.WriteDetectorOptions(directory),
            // Loopback receivers answer at once: short channel timeouts keep a failing send within the spec's waits.
            ["Notifications__ChannelTimeoutSeconds"] = "2",
            ["Notifications__ChannelRetries"] = "1",
        };
        // The first node creates the schema alone; the others start together once it exists.
        var first = await HostProcess.StartAsync(settings);
        nodes = [first, .. await Task.WhenAll(HostProcess.StartAsync(settings), HostProcess.StartAsync(settings))];
        bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestServers.RabbitMq));
        await bus.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0)
        {
            // Kept for inspection: the nodes log warnings and errors only.
            foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
                await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"crisis-ops-node-{i}.log"), node.Output);
        }
        foreach (var node in nodes) await node.DisposeAsync();
        if (bus is not null) await bus.StopAsync();
        if (receivers is not null) await receivers.DisposeAsync();
        await using (var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE")) await drop.ExecuteNonQueryAsync();
        await database.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task Every_mention_is_stored_once_projections_catch_up_and_nothing_is_doubled()
    {
        using (var brand = await OrganisationClient(nodes[1]).PostAsJsonAsync("/api/brands", new { id = Brand, name = "Cluster Co", organisationId = NotificationReceivers.Organisation }))
            Assert.That(brand.IsSuccessStatusCode, Is.True, await brand.Content.ReadAsStringAsync());
        var mentions = BuzzScenario.Mentions(Brand);
        var batches = mentions.Chunk(BatchSize).ToArray();
        var victim = nodes[0];

        // Four senders in step: HTTP to each node, and the bus (whichever node consumes). Batch i goes to sender i % 4.
        var acknowledged = 0;
        var lost = new ConcurrentBag<int>();
        var killAfter = batches.Length / 3;
        var killed = new TaskCompletionSource();
        var senders = Enumerable.Range(0, 4).Select(sender => Task.Run(async () =>
        {
            for (var b = sender; b < batches.Length; b += 4)
            {
                if (sender == 3)
                {
                    foreach (var mention in batches[b]) await bus.Publish(Observed(mention));
                }
                else if (!await PostAsync(nodes[sender], batches[b]))
                {
                    lost.Add(b);
                    continue;
                }
                if (Interlocked.Increment(ref acknowledged) == killAfter) killed.TrySetResult();
            }
        })).ToList();
        await killed.Task;
        await victim.KillAsync();
        await Task.WhenAll(senders);

        // The connector's retry: what the dead node did not acknowledge goes to a survivor.
        Assert.That(lost, Is.Not.Empty, "the victim was killed while it still had batches to take");
        foreach (var b in lost.Order())
        {
            Assert.That(await PostAsync(nodes[1 + b % 2], batches[b]), Is.True, "a survivor takes the batch");
        }

        var unique = mentions.Count;
        await Eventually.ReturnsAsync(() => ScalarAsync("SELECT count(*) FROM {schema}.mention_keys"), n => n >= unique,
            TimeSpan.FromSeconds(60), "every mention stored (the bus intake redelivers what the victim held)");
        var keys = await ScalarAsync("SELECT count(*) FROM {schema}.mention_keys");
        var inEvents = await ScalarAsync("SELECT coalesce(sum(jsonb_array_length(data->'mentions')), 0) FROM {schema}.mt_events WHERE type = 'mentions_recorded'");
        var distinct = await ScalarAsync(
            "SELECT count(DISTINCT (m->>'platform') || ':' || (m->>'postId')) FROM {schema}.mt_events e, jsonb_array_elements(e.data->'mentions') m WHERE e.type = 'mentions_recorded'");
        Assert.Multiple(() =>
        {
            Assert.That(keys, Is.EqualTo(unique), "dedup keys");
            Assert.That(inEvents, Is.EqualTo(unique), "mentions in events: none twice");
            Assert.That(distinct, Is.EqualTo(unique), "distinct mentions in events");
        });

        // Projections caught up: every shard's progress is the store's highest sequence (the daemon moved to a survivor if it ran on the victim).
        await Eventually.ReturnsAsync(ProgressAsync, p => p.Count == 5 && p.All(s => s.Position == s.High),
            TimeSpan.FromSeconds(60), "detection, buzz state, the publisher, the paging planner and the desk's intake at the high-water mark");

        // The buzz opened one incident, whose level-1 page reached amina and, nobody acknowledging, level 2 reached karim
        // five seconds later: by then every planner on every node has had several rounds to page level 1 again.
        var incidentId = await Eventually.ReturnsAsync(IncidentIdAsync, id => id is not null, TimeSpan.FromSeconds(60), "the incident opened from the buzz");
        await Eventually.ReturnsAsync(() => Task.FromResult(Calls(incidentId!).Any(c => c.Path == "/hooks/karim")), seen => seen,
            TimeSpan.FromSeconds(60), "level 2 paged");
        // A delivery the victim started just before it died goes out when RabbitMQ hands its message to a survivor.
        await Eventually.ReturnsAsync(() => Task.FromResult(Calls(incidentId!).Any(c => c.Path == "/hooks/amina")), seen => seen,
            TimeSpan.FromSeconds(60), "level 1 paged");

        var calls = Calls(incidentId!);
        var mails = receivers.Smtp.Received.Where(m => m.Key is { } key && key.StartsWith(incidentId!, StringComparison.Ordinal)).ToList();
        var incidents = await ScalarAsync($"SELECT count(*) FROM {{schema}}.mt_events WHERE type = 'incident_opened' AND data->>'brandId' = '{Brand}'");
        Assert.Multiple(() =>
        {
            Assert.That(incidents, Is.EqualTo(1), "one incident for the buzz");
            Assert.That(calls.Where(c => c.Path == "/hooks/amina"), Is.Not.Empty, "level 1 paged by webhook");
            Assert.That(calls.GroupBy(c => c.Header("X-Crisis-Idempotency-Key")).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty,
                "no webhook notification sent twice");
            Assert.That(mails.GroupBy(m => m.Key).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "no e-mail sent twice");
        });
    }

    private sealed record ShardProgress(string Shard, long Position, long High);

    /// <summary>Printed when the wait times out: which shard stopped where.</summary>
    private sealed class Progress(List<ShardProgress> shards) : List<ShardProgress>(shards)
    {
        public override string ToString() => string.Join(", ", this.Select(s => $"{s.Shard} {s.Position}/{s.High}"));
    }

    private async Task<Progress> ProgressAsync()
    {
        await using var command = database.CreateCommand(
            $"SELECT name, last_seq_id, (SELECT max(seq_id) FROM {schema}.mt_events) FROM {schema}.mt_event_progression WHERE name LIKE '%:%' ORDER BY name");
        var shards = new List<ShardProgress>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) shards.Add(new ShardProgress(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        return new Progress(shards);
    }

    private List<ReceivedWebhook> Calls(string incidentId) =>
        [.. receivers.Webhooks.Received.Where(r => r.Status == 200 && r.Body.Contains(incidentId, StringComparison.Ordinal))];

    private async Task<string?> IncidentIdAsync()
    {
        await using var command = database.CreateCommand(
            $"SELECT data->>'incidentId' FROM {schema}.mt_events WHERE type = 'incident_opened' AND data->>'brandId' = '{Brand}' LIMIT 1");
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>The scenario's brand belongs to the on-call organisation: its admin registers it and posts its mentions.</summary>
    private static HttpClient OrganisationClient(HostProcess node) => node.ClientFor(NotificationReceivers.Organisation);

    private static async Task<bool> PostAsync(HostProcess node, IEnumerable<Dictionary<string, object?>> batch)
    {
        try
        {
            using var client = OrganisationClient(node);
            using var response = await client.PostAsync(new Uri("/api/mentions", UriKind.Relative), BuzzScenario.Ndjson(batch));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // the node is gone (or went while answering): the batch may or may not be stored
        }
    }

    private static MentionObserved Observed(Dictionary<string, object?> mention)
    {
        var author = (Dictionary<string, object?>)mention["author"]!;
        return new MentionObserved
        {
            Platform = (string)mention["platform"]!,
            PostId = (string)mention["postId"]!,
            BrandId = (string)mention["brandId"]!,
            Author = new MentionAuthor { Handle = (string)author["handle"]!, Followers = Convert.ToInt64(author["followers"], CultureInfo.InvariantCulture) },
            Text = (string)mention["text"]!,
            PublishedAt = (string)mention["publishedAt"]!,
        };
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = database.CreateCommand(sql.Replace("{schema}", schema, StringComparison.Ordinal));
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, CultureInfo.InvariantCulture);
    }
}
