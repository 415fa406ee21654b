using Crisis.BrowserTests.Running;
using Crisis.IntegrationTests.Running;
using Microsoft.Playwright;
using Npgsql;

namespace Crisis.BrowserTests;

/// <summary>One host and one browser for the whole assembly: the host on the real servers, with a schema of its own.</summary>
[SetUpFixture]
public sealed class BrowserSetup
{
    public static HostProcess Host { get; private set; } = null!;

    public static IBrowser Browser { get; private set; } = null!;

    private static IPlaywright? playwright;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        await using (var database = NpgsqlDataSource.Create(TestServers.PostgresConnection))
        {
            try
            {
                await using var probe = await database.OpenConnectionAsync();
            }
            catch (NpgsqlException e)
            {
                Assert.Fail($"PostgreSQL is not reachable ({e.Message}). Start the servers with: bash ops/start-servers.sh");
            }
        }
        (playwright, Browser) = await Chromium.LaunchAsync();
        Host = await HostProcess.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        // The run's schema is dropped when everything passed; a failed run leaves it for inspection.
        if (TestContext.CurrentContext.Result.FailCount == 0)
        {
            await using var database = NpgsqlDataSource.Create(TestServers.PostgresConnection);
            await using var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {TestServers.Schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
