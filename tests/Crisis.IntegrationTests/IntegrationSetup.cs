using Npgsql;

using Crisis.IntegrationTests.Notifying;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests;

/// <summary>One host process for the whole assembly, started once against the real servers.</summary>
[SetUpFixture]
public sealed class IntegrationSetup
{
    public static HostProcess Host { get; private set; } = null!;

    public static NpgsqlDataSource Database { get; private set; } = null!;

    /// <summary>The webhook and SMTP receivers the host's on-call files point at.</summary>
    public static NotificationReceivers Receivers { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Database = NpgsqlDataSource.Create(TestServers.PostgresConnection);
        try
        {
            await using var probe = await Database.OpenConnectionAsync();
        }
        catch (NpgsqlException e)
        {
            Assert.Fail($"PostgreSQL is not reachable ({e.Message}). Start the servers with: bash ops/start-servers.sh");
        }
        Receivers = await NotificationReceivers.StartAsync();
        Host = await HostProcess.StartAsync(Receivers.HostSettings());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Receivers is not null) await Receivers.DisposeAsync();
        TestTokens.Delete();
        if (Database is not null)
        {
            // The run's schema is dropped at the end; a failed run leaves it behind for inspection.
            if (TestContext.CurrentContext.Result.FailCount == 0)
            {
                await using var drop = Database.CreateCommand($"DROP SCHEMA IF EXISTS {TestServers.Schema} CASCADE");
                await drop.ExecuteNonQueryAsync();
            }
            await Database.DisposeAsync();
        }
    }
}
