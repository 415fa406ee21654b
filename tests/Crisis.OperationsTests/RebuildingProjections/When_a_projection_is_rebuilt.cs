using System.Net.Http.Json;
using Crisis.Cli;
using Crisis.IntegrationTests.Running;
using Crisis.OperationsTests.Scenario;
using Npgsql;
using Spectre.Console.Cli;

namespace Crisis.OperationsTests.RebuildingProjections;

/// <summary>
/// <c>crisis projections rebuild</c> as the runbook has it: the daemon node stopped, the read model lost, the
/// projection rebuilt from the events to what it was.
/// </summary>
[NonParallelizable]
public class When_a_projection_is_rebuilt
{
    private const string Brand = "rebuiltco";
    private readonly string schema = TestServers.Schema + "_rebuild";
    private string directory = null!;
    private NpgsqlDataSource database = null!;
    private string before = null!;

    [OneTimeSetUp]
    public async Task BuildAReadModelThenStopTheDaemonAsync()
    {
        directory = Directory.CreateTempSubdirectory("crisis-ops-rebuild-").FullName;
        database = NpgsqlDataSource.Create(TestServers.PostgresConnection);
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["EventStore__Schema"] = schema,
            ["Detection__OptionsFile"] = BuzzScenario.WriteDetectorOptions(directory),
            // No crisis cell: nothing here needs pages, and this fixture's pages would land on the shared test vhost.
            ["Crisis__Services__0"] = "ingestion",
            ["Crisis__Services__1"] = "detection",
        });
        using (var brand = await host.Http.PostAsJsonAsync("/api/brands", new { id = Brand, name = "Rebuilt Co", organisationId = "test-org" }))
            Assert.That(brand.IsSuccessStatusCode, Is.True, await brand.Content.ReadAsStringAsync());
        using (var response = await host.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), BuzzScenario.Ndjson(BuzzScenario.Mentions(Brand))))
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        before = await Eventually.ReturnsAsync(BuzzStateAsync, state => state.Contains("\"Subsiding\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the buzz projected into the brand's state");
        await Eventually.ReturnsAsync(() => ScalarAsync(
                "SELECT count(*) FROM {schema}.mt_event_progression WHERE name = 'BuzzState:All' AND last_seq_id = (SELECT max(seq_id) FROM {schema}.mt_events)"),
            n => n == 1, TimeSpan.FromSeconds(60), "the buzz state projection caught up");
        before = await BuzzStateAsync();
        await host.KillAsync();
    }

    [OneTimeTearDown]
    public async Task DropAsync()
    {
        await using (var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE")) await drop.ExecuteNonQueryAsync();
        await database.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task The_lost_read_model_comes_back_as_it_was()
    {
        await ScalarAsync("DELETE FROM {schema}.mt_doc_buzzstate");
        Assert.That(await BuzzStateAsync(), Is.Empty);

        Assert.That(await RunCliAsync("projections", "rebuild", "BuzzState"), Is.EqualTo(0));

        Assert.That(await BuzzStateAsync(), Is.EqualTo(before));
        Assert.That(await ScalarAsync(
                "SELECT count(*) FROM {schema}.mt_event_progression WHERE name = 'BuzzState:All' AND last_seq_id = (SELECT max(seq_id) FROM {schema}.mt_events)"),
            Is.EqualTo(1), "its progress is at the high-water mark again");
    }

    [Test]
    public async Task An_unknown_name_and_a_subscription_are_refused()
    {
        Assert.That(await RunCliAsync("projections", "rebuild", "NoSuchThing"), Is.EqualTo(2));
        Assert.That(await RunCliAsync("projections", "rebuild", "detection"), Is.EqualTo(2), "re-running detection would page again");
    }

    private async Task<int> RunCliAsync(params string[] args)
    {
        var app = new CommandApp();
        app.Configure(CrisisCommands.Register);
        return await app.RunAsync([.. args, "--connection", TestServers.PostgresConnection, "--schema", schema]);
    }

    private async Task<string> BuzzStateAsync()
    {
        await using var command = database.CreateCommand($"SELECT coalesce(string_agg(data::text, '|' ORDER BY id), '') FROM {schema}.mt_doc_buzzstate");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = database.CreateCommand(sql.Replace("{schema}", schema, StringComparison.Ordinal));
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
