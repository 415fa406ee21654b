using System.Globalization;
using System.Text.Json;
using System.Net.Http.Json;
using Crisis.Contracts.Mentions;
using Crisis.IntegrationTests.Running;
using Crisis.OperationsTests.Outages;
using MassTransit;
using Npgsql;

namespace Crisis.OperationsTests.Logging;

/// <summary>
/// A broker restart is one event for an operator: the issue counted 111 "Consumer Channel Shutdown" failures for it. The
/// node logs one warning when the connection is lost and one line when it is back, and then consumes again. Restarts
/// the shared RabbitMQ application: run under the integration lock.
/// </summary>
[NonParallelizable]
public class When_rabbitmq_restarts_under_a_node
{
    private const string Brand = "brokerlogco";

    private readonly string schema = TestServers.Schema + "_brokerlogs";
    private NpgsqlDataSource database = null!;
    private HostProcess host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        database = NpgsqlDataSource.Create(TestServers.PostgresConnection);
        host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["EventStore__Schema"] = schema,
            // The line that says the broker is back is information, which the test hosts do not log by default.
            ["Logging__LogLevel__Crisis.ServiceDefaults.Health"] = "Information",
        });
        using var registered = await host.Http.PostAsJsonAsync("/api/brands", new { id = Brand, name = "Broker Log Co", organisationId = "test-org" });
        Assert.That(registered.IsSuccessStatusCode, Is.True, await registered.Content.ReadAsStringAsync());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0 && host is not null)
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "crisis-ops-brokerlogs.log"), host.Output);
        if (host is not null) await host.DisposeAsync();
        await using (var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE")) await drop.ExecuteNonQueryAsync();
        await database.DisposeAsync();
    }

    /// <summary>The bus's dependency gauge as an operator's scrape shows it; null before the first sample.</summary>
    private async Task<double?> BusUpAsync()
    {
        using var operatorClient = host.ClientFor("ops", "prometheus", Crisis.ServiceDefaults.Security.Authorizing.CrisisRoles.Operator);
        var metrics = await operatorClient.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("crisis_dependency_up{", StringComparison.Ordinal)
            && l.Contains("dependency=\"masstransit-bus\"", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private async Task<long> StoredAsync()
    {
        await using var command = database.CreateCommand($"SELECT count(*) FROM {schema}.mention_keys");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The dependencies readiness names as failing (not healthy).</summary>
    private async Task<string[]> FailingAsync()
    {
        using var client = host.Anonymous();
        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative)));
        return [.. body.RootElement.GetProperty("failing").EnumerateArray().Select(f => f.GetProperty("dependency").GetString()!)];
    }

    [Test]
    public async Task It_logs_one_warning_when_the_broker_goes_and_one_line_when_it_is_back()
    {
        // The node has been running a while: its monitor has seen the broker connected.
        await Eventually.ReturnsAsync(BusUpAsync, up => up == 1, TimeSpan.FromSeconds(30), "crisis_dependency_up for the bus at 1");
        var before = host.Output.Length;
        await using (var outage = await RabbitMqOutage.BeginAsync())
        {
            // The bus reports itself degraded (the HTTP intake still works without it), and readiness says which one is.
            await Eventually.ReturnsAsync(FailingAsync, f => f.Contains("masstransit-bus"), TimeSpan.FromSeconds(60), "readiness to name the broker");
            await Eventually.ReturnsAsync(BusUpAsync, up => up == 0.5, TimeSpan.FromSeconds(20), "crisis_dependency_up for the bus at 0.5 (degraded)");
            await outage.EndAsync();
        }
        await Eventually.ReturnsAsync(FailingAsync, f => f.Length == 0, TimeSpan.FromSeconds(90), "the node to reconnect");

        // It consumes again: a mention published now is stored.
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestServers.RabbitMq));
        await bus.StartAsync();
        try
        {
            await bus.Publish(new MentionObserved
            {
                Platform = "x", PostId = "after-restart", BrandId = Brand,
                Author = new MentionAuthor { Handle = "fan", Followers = 10 },
                Text = "Broker Log Co is back", PublishedAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
            });
            await Eventually.ReturnsAsync(StoredAsync, n => n == 1, TimeSpan.FromSeconds(60), "the mention published after the restart");
        }
        finally
        {
            await bus.StopAsync();
        }

        // The monitor samples every 5 s: its line saying the broker is back may follow the first probe that says so.
        var logs = await Eventually.ReturnsAsync(() => Task.FromResult(LogLines.Parse(host.Output[before..])),
            l => l.Any(e => e.Text.StartsWith("Dependency masstransit-bus is back", StringComparison.Ordinal)), TimeSpan.FromSeconds(20),
            "the monitor's line saying the broker is back");
        var loud = logs.Where(l => l.Level is "warn" or "fail" or "crit").ToList();
        TestContext.Out.WriteLine($"{loud.Count} warning or error lines for one broker restart:\n" + string.Join("\n", loud.Select(l => l.ToString().Split('\n')[0])));
        Assert.Multiple(() =>
        {
            Assert.That(loud.Count(l => l.IsError), Is.Zero, "a broker restart is no error: the node waits and reconnects");
            Assert.That(loud, Has.Count.LessThanOrEqualTo(2), "one warning per cause (the connection lost; readiness may say so once)");
            Assert.That(loud.Count(l => l.Text.StartsWith("Dependency masstransit-bus is Degraded", StringComparison.Ordinal)), Is.EqualTo(1),
                "one warning names the broker and why");
            Assert.That(logs.Count(l => l.Level == "info" && l.Text.StartsWith("Dependency masstransit-bus is back", StringComparison.Ordinal)), Is.EqualTo(1),
                "one line when it comes back");
        });
    }
}
