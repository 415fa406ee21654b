using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Crisis.Contracts.Mentions;
using Crisis.IntegrationTests.Running;
using MassTransit;
using Npgsql;
using RabbitMQ.Client;

namespace Crisis.OperationsTests.Outages;

/// <summary>
/// Mentions keep arriving on the bus while PostgreSQL is stopped for longer than the consumer's own retries last (the
/// issue lost 765 of 10,000 after 40 s, and some after 15 s). The intake waits the outage out and stores every mention
/// once; the error queue stays empty. Stops the shared PostgreSQL: run under the integration lock.
/// </summary>
[NonParallelizable]
public class When_postgresql_is_down_under_the_bus_intake
{
    private const string Brand = "outageco";
    private const int Mentions = 3000;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(25);

    private readonly string schema = TestServers.Schema + "_outage";
    private NpgsqlDataSource database = null!;
    private HostProcess host = null!;
    private IBusControl bus = null!;
    private IConnection rabbit = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        database = NpgsqlDataSource.Create(TestServers.PostgresConnection);
        host = await HostProcess.StartAsync(new Dictionary<string, string> { ["EventStore__Schema"] = schema });
        bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestServers.RabbitMq));
        await bus.StartAsync();
        rabbit = await new ConnectionFactory { Uri = TestServers.RabbitMq }.CreateConnectionAsync();
        await using var channel = await rabbit.CreateChannelAsync();
        try
        {
            await channel.QueuePurgeAsync(ErrorQueue);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // Not declared yet.
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0 && host is not null)
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "crisis-ops-outage.log"), host.Output);
        if (host is not null) await host.DisposeAsync();
        if (bus is not null) await bus.StopAsync();
        if (rabbit is not null)
        {
            await rabbit.CloseAsync();
            rabbit.Dispose();
        }
        database.Clear();
        await using (var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE")) await drop.ExecuteNonQueryAsync();
        await database.DisposeAsync();
    }

    private const string ErrorQueue = MentionQueues.Observed + "_error";

    private static MentionObserved Observed(int i) => new()
    {
        Platform = "x",
        PostId = "outage-" + i.ToString(CultureInfo.InvariantCulture),
        BrandId = Brand,
        Author = new MentionAuthor { Handle = "fan" + (i % 97).ToString(CultureInfo.InvariantCulture), Followers = 10 + i % 50 },
        Text = "Outage Co a encore coupé le service",
        PublishedAt = DateTimeOffset.UtcNow.AddMinutes(-30).AddSeconds(i % 600).ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>A count from the store; null while it cannot be reached (its pooled connections died with the server).</summary>
    private async Task<long?> CountAsync(string sql)
    {
        try
        {
            await using var command = database.CreateCommand(sql.Replace("{schema}", schema, StringComparison.Ordinal));
            return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, CultureInfo.InvariantCulture);
        }
        catch (NpgsqlException)
        {
            database.Clear();
            return null;
        }
    }

    private Task<long?> StoredAsync() => CountAsync("SELECT count(*) FROM {schema}.mention_keys");

    private async Task<uint> ErrorCountAsync()
    {
        await using var channel = await rabbit.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(ErrorQueue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>The readiness answer, and the store's dependency gauge as an operator's scrape shows it (null before the first sample).</summary>
    private async Task<(string Readiness, double? Up)> ReadinessAsync()
    {
        using var anonymous = host.Anonymous();
        using var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var operatorClient = host.ClientFor("ops", "prometheus", Crisis.ServiceDefaults.Security.Authorizing.CrisisRoles.Operator);
        var metrics = await operatorClient.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("crisis_dependency_up{", StringComparison.Ordinal) && l.Contains("dependency=\"postgresql\"", StringComparison.Ordinal));
        return (await ready.Content.ReadAsStringAsync(), line is null ? null : double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task Every_mention_published_before_during_and_after_a_25_second_outage_is_stored_once_and_none_is_dead_lettered()
    {
        using (var registered = await host.Http.PostAsJsonAsync("/api/brands", new { id = Brand, name = "Outage Co", organisationId = "test-org" }))
            Assert.That(registered.IsSuccessStatusCode, Is.True, await registered.Content.ReadAsStringAsync());

        // A third before the outage, a third while PostgreSQL is down (the broker confirms them: a connector would not
        // send them again), a third once it is back.
        var third = Mentions / 3;
        for (var i = 0; i < third; i++) await bus.Publish(Observed(i));
        var storedBefore = await Eventually.ReturnsAsync(StoredAsync, n => n > 0, because: "the intake to be storing");

        var down = Stopwatch.StartNew();
        string readiness;
        await using (var outage = await PostgresOutage.BeginAsync())
        {
            for (var i = third; i < 2 * third; i++) await bus.Publish(Observed(i));
            (readiness, _) = await Eventually.ReturnsAsync(ReadinessAsync, r => r.Up == 0, TimeSpan.FromSeconds(20),
                "crisis_dependency_up{dependency=\"postgresql\"} to fall to 0");
            var left = Outage - down.Elapsed;
            if (left > TimeSpan.Zero) await Task.Delay(left); // the outage itself: nothing to wait on but time
            Assert.That(await ErrorCountAsync(), Is.Zero, "nothing dead-lettered while the store is down");
            await outage.EndAsync();
        }
        var downFor = down.Elapsed;
        for (var i = 2 * third; i < Mentions; i++) await bus.Publish(Observed(i));

        await Eventually.ReturnsAsync(StoredAsync, n => n == Mentions, timeout: TimeSpan.FromMinutes(2), because: $"all {Mentions} mentions stored");
        TestContext.Out.WriteLine($"PostgreSQL was down for {downFor.TotalSeconds:F1} s; {storedBefore} of {Mentions} mentions were stored when it stopped");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(downFor, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(20)));
            Assert.That(readiness, Does.Contain("\"dependency\":\"postgresql\",\"status\":\"Unhealthy\",\"reason\":\"PostgreSQL is not reachable: "),
                "readiness names the store and why");
            Assert.That(await CountAsync("SELECT coalesce(sum(jsonb_array_length(data->'mentions')), 0) FROM {schema}.mt_events WHERE type = 'mentions_recorded'"),
                Is.EqualTo(Mentions), "mentions in events: each once");
            Assert.That(await CountAsync("SELECT count(DISTINCT (m->>'platform') || ':' || (m->>'postId')) FROM {schema}.mt_events e, jsonb_array_elements(e.data->'mentions') m WHERE e.type = 'mentions_recorded'"),
                Is.EqualTo(Mentions), "distinct mentions in events");
            Assert.That(await ErrorCountAsync(), Is.Zero, "crisis-mentions_error is empty");
        });
    }
}
