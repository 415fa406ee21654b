using System.Globalization;
using System.Net.Http.Json;
using Crisis.IntegrationTests.Notifying;
using Crisis.IntegrationTests.Running;
using Crisis.OperationsTests.Scenario;
using Npgsql;

namespace Crisis.OperationsTests.Logging;

/// <summary>
/// What the logs say when nothing is wrong: two nodes share the intake, the daemon and the crisis cell while a buzz is
/// detected, opened and paged. The nodes race on the same incident and brand streams (an expected-version conflict is
/// how they find out, and each handles it), so a log that shows those races as failures cries wolf: the issue counted 8
/// Marten <c>fail</c> lines per incident. Then a rolled-back append leaves a hole in the event sequence and the daemon
/// moves to the other node, which used to log a warning per skipped range.
/// </summary>
[NonParallelizable]
public class When_two_nodes_handle_a_buzz_without_faults
{
    private const string Brand = "quietlogco";

    private readonly string schema = TestServers.Schema + "_quietlogs";
    private string directory = null!;
    private NpgsqlDataSource database = null!;
    private NotificationReceivers receivers = null!;
    private Dictionary<string, string> settings = null!;
    private HostProcess[] nodes = [];
    private readonly List<string> outputsOfStoppedNodes = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        directory = Directory.CreateTempSubdirectory("crisis-ops-quietlogs-").FullName;
        database = NpgsqlDataSource.Create(TestServers.PostgresConnection);
        receivers = await NotificationReceivers.StartAsync();
        settings = new Dictionary<string, string>(receivers.HostSettings())
        {
            ["EventStore__Schema"] = schema,
            ["Detection__OptionsFile"] = BuzzScenario.WriteDetectorOptions(directory),
        };
        // One after the other (the first creates the schema), each kept at once so that tear-down stops it.
        nodes = [await HostProcess.StartAsync(settings)];
        nodes = [.. nodes, await HostProcess.StartAsync(settings)];

        using var client = nodes[0].ClientFor(NotificationReceivers.Organisation);
        using var brand = await client.PostAsJsonAsync("/api/brands", new { id = Brand, name = "Quiet Log Co", organisationId = NotificationReceivers.Organisation });
        Assert.That(brand.IsSuccessStatusCode, Is.True, await brand.Content.ReadAsStringAsync());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0)
        {
            foreach (var (output, i) in outputsOfStoppedNodes.Concat(nodes.Select(n => n.Output)).Select((o, i) => (o, i)))
                await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"crisis-ops-quietlogs-{i}.log"), output);
        }
        foreach (var node in nodes) await node.DisposeAsync();
        if (receivers is not null) await receivers.DisposeAsync();
        await using (var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE")) await drop.ExecuteNonQueryAsync();
        await database.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private IEnumerable<LogLine> AllLogs() =>
        outputsOfStoppedNodes.Concat(nodes.Select(n => n.Output)).SelectMany(LogLines.Parse);

    /// <summary>Mentions over HTTP, batch by batch to alternate nodes, as a load balancer would spread them.</summary>
    private async Task PostAsync(IEnumerable<Dictionary<string, object?>> mentions)
    {
        var clients = nodes.Select(n => n.ClientFor(NotificationReceivers.Organisation)).ToArray();
        try
        {
            foreach (var (batch, i) in mentions.Chunk(50).Select((b, i) => (b, i)))
            {
                using var response = await clients[i % clients.Length].PostAsync(new Uri("/api/mentions", UriKind.Relative), BuzzScenario.Ndjson(batch));
                Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
            }
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    /// <summary>Events appended after the slowest shard's progress; null before the daemon recorded any.</summary>
    private async Task<long?> LagAsync()
    {
        await using var command = database.CreateCommand(
            $"SELECT (SELECT coalesce(max(seq_id), 0) FROM {schema}.mt_events) - min(last_seq_id) FROM {schema}.mt_event_progression WHERE name LIKE '%:%'");
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task A_buzz_detected_opened_and_paged_by_two_nodes_logs_no_error()
    {
        await PostAsync(BuzzScenario.Mentions(Brand));
        await Eventually.ReturnsAsync(
            () => Task.FromResult(receivers.Webhooks.Received.Count(r => r.Path == "/hooks/amina" && r.Status == 200)),
            n => n >= 1, TimeSpan.FromSeconds(120), "the page on amina's webhook");
        await Eventually.ReturnsAsync(LagAsync, lag => lag == 0, TimeSpan.FromSeconds(60), "every shard caught up");

        var errors = AllLogs().Where(l => l.IsError).ToList();
        var races = AllLogs().Where(l => l.Text.Contains("23505", StringComparison.Ordinal) && l.Level is "warn" or "fail" or "crit").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty, "no error-level line in a fault-free run:\n" + string.Join("\n\n", errors));
            Assert.That(races, Is.Empty, "expected-version races are not warnings either");
        });
    }

    [Test]
    public async Task A_hole_in_the_event_sequence_skipped_after_the_daemon_moves_is_no_warning()
    {
        // A rolled-back append spends a sequence number for good: the daemon waits for it, then skips it.
        await using (var burn = database.CreateCommand($"SELECT nextval('{schema}.mt_events_sequence')")) await burn.ExecuteScalarAsync();
        var later = BuzzScenario.Mentions(Brand, seed: 9).Take(200).Select(m => new Dictionary<string, object?>(m) { ["postId"] = "hole-" + m["postId"] });
        await PostAsync(later);

        // Both nodes restart, one after the other (a deployment): the daemon moves and starts again.
        for (var i = 0; i < nodes.Length; i++)
        {
            outputsOfStoppedNodes.Add(nodes[i].Output);
            await nodes[i].DisposeAsync();
            nodes[i] = await HostProcess.StartAsync(settings);
        }
        await Eventually.ReturnsAsync(LagAsync, lag => lag == 0, TimeSpan.FromSeconds(90), "every shard past the hole");

        var skips = AllLogs().Where(l => l.Text.Contains("skipping the event sequence range", StringComparison.Ordinal)).ToList();
        var warnings = AllLogs().Where(l => l.Level is "warn" or "fail" or "crit").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(skips.Where(l => l.Level is "warn" or "fail"), Is.Empty, "a skipped hole is expected, not a warning");
            Assert.That(warnings, Is.Empty, "no warning at all in a fault-free run with restarts:\n" + string.Join("\n\n", warnings));
        });
    }
}
