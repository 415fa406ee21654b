using System.Diagnostics;
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
            await RunAsync(StopCommand);
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
        await RunAsync(StartCommand);
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

    private static async Task RunAsync(string command)
    {
        // Descriptors inherited from the caller (flock's lock on /tmp/crisis-integration.lock among them) are closed first:
        // a server started from here would otherwise hold the lock for as long as it runs.
        const string closeInherited = "for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\" 2>/dev/null; done; ";
        var start = new ProcessStartInfo("bash", ["-c", closeInherited + command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run: {command}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}: {await output}{await error}");
    }
}
