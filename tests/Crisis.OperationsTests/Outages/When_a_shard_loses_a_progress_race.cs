using System.Globalization;
using System.Net.Http.Json;
using Crisis.IntegrationTests.Running;
using Crisis.OperationsTests.Scenario;
using Npgsql;

namespace Crisis.OperationsTests.Outages;

/// <summary>
/// After a PostgreSQL outage both detection nodes can believe for a moment that they hold the daemon, and apply the same
/// shard; the one whose progress update loses the race stops that shard. The chaos soak saw the node that kept the lock
/// be the loser: BuzzState then stayed behind for good. Here the other node's write is played by moving the shard's
/// committed progress under the running daemon; the node must start the shard again by itself. Does not stop servers.
/// </summary>
[NonParallelizable]
public class When_a_shard_loses_a_progress_race
{
    private const string Brand = "raceco";
    private const string Shard = "BuzzState:All";

    private readonly string schema = TestServers.Schema + "_race";
    private string directory = null!;
    private NpgsqlDataSource database = null!;
    private HostProcess host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        directory = Directory.CreateTempSubdirectory("crisis-ops-race-").FullName;
        database = NpgsqlDataSource.Create(TestServers.PostgresConnection);
        host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["EventStore__Schema"] = schema,
            ["Detection__OptionsFile"] = BuzzScenario.WriteDetectorOptions(directory),
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0)
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "crisis-ops-race.log"), host.Output);
        await host.DisposeAsync();
        await using (var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE")) await drop.ExecuteNonQueryAsync();
        await database.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task The_node_that_holds_the_daemon_starts_the_stopped_shard_again()
    {
        using var client = host.ClientFor(TestTokens.Organisation);
        using (var brand = await client.PostAsJsonAsync("/api/brands", new { id = Brand, name = "Race Co", organisationId = TestTokens.Organisation }))
            Assert.That(brand.IsSuccessStatusCode, Is.True, await brand.Content.ReadAsStringAsync());
        var mentions = BuzzScenario.Mentions(Brand);
        var half = mentions.Count / 2;
        await PostAsync(client, mentions.Take(half));
        await Eventually.ReturnsAsync(ShardAsync, s => s.Position > 0 && s.Position == s.High, TimeSpan.FromSeconds(60), $"{Shard} caught up");

        // The other node's progress write: the running agent's next update no longer finds the floor it expects.
        await using (var race = database.CreateCommand($"UPDATE {schema}.mt_event_progression SET last_seq_id = last_seq_id + 1 WHERE name = '{Shard}'"))
            Assert.That(await race.ExecuteNonQueryAsync(), Is.EqualTo(1));
        await PostAsync(client, mentions.Skip(half));

        await Eventually.ReturnsAsync(() => Task.FromResult(host.Output.Contains("is out of order", StringComparison.Ordinal)), seen => seen,
            TimeSpan.FromSeconds(60), "the shard lost the race and stopped");
        var stoppedAt = (await ShardAsync()).Position;
        // Restarted within two rounds of the recovery (30 s each), it resumes from the committed progress and catches up.
        var caughtUp = await Eventually.ReturnsAsync(ShardAsync, s => s.Position > stoppedAt && s.Position == s.High, TimeSpan.FromSeconds(120),
            $"{Shard} running again");
        Assert.Multiple(() =>
        {
            Assert.That(host.Output, Does.Contain($"Restarting shard {Shard}"), "the restart is logged, as a warning");
            Assert.That(caughtUp.Position, Is.EqualTo(caughtUp.High));
        });
    }

    private sealed record ShardProgress(long Position, long High)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Position}/{High}");
    }

    private async Task<ShardProgress> ShardAsync()
    {
        await using var command = database.CreateCommand(
            $"SELECT coalesce((SELECT last_seq_id FROM {schema}.mt_event_progression WHERE name = '{Shard}'), 0), (SELECT coalesce(max(seq_id), 0) FROM {schema}.mt_events)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ShardProgress(reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task PostAsync(HttpClient client, IEnumerable<Dictionary<string, object?>> mentions)
    {
        foreach (var batch in mentions.Chunk(200))
        {
            using var response = await client.PostAsync(new Uri("/api/mentions", UriKind.Relative), BuzzScenario.Ndjson(batch));
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }
    }
}
