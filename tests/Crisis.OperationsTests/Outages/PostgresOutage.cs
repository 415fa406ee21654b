using Crisis.IntegrationTests.Running;
using Npgsql;

namespace Crisis.OperationsTests.Outages;

/// <summary>
/// Stops and starts the test PostgreSQL server, as an operator or a crash would: every connection is cut (57P01) and
/// new ones are refused until it is back. The server is shared by every test run on the machine, so specs that use
/// this run only under the integration lock (<c>flock /tmp/crisis-integration.lock dotnet test ...</c>), and the server
/// is always started again, whatever the spec's outcome. The commands default to the Debian cluster that
/// ops/start-servers.sh runs; <c>CRISIS_TEST_PG_STOP</c> / <c>CRISIS_TEST_PG_START</c> name others.
/// </summary>
public sealed class PostgresOutage : IAsyncDisposable
{
    private static readonly string StopCommand = Environment.GetEnvironmentVariable("CRISIS_TEST_PG_STOP") ?? "pg_ctlcluster 15 main stop -m fast";
    private static readonly string StartCommand = Environment.GetEnvironmentVariable("CRISIS_TEST_PG_START") ?? "pg_ctlcluster 15 main start";

    private bool stopped;

    public static async Task<PostgresOutage> BeginAsync()
    {
        // Even a half-finished stop is undone before the failure is reported.
        var outage = new PostgresOutage { stopped = true };
        try
        {
            await ServerCommand.RunAsync(StopCommand);
        }
        catch
        {
            await outage.EndAsync();
            throw;
        }
        return outage;
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public async Task EndAsync()
    {
        if (!stopped) return;
        await ServerCommand.RunAsync(StartCommand);
        stopped = false;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(TestServers.PostgresConnection + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    public async ValueTask DisposeAsync() => await EndAsync();
}
