namespace Crisis.OperationsTests.Outages;

/// <summary>
/// Stops and starts the RabbitMQ application on the test node (<c>rabbitmqctl stop_app</c> / <c>start_app</c>): every
/// connection is closed by the broker (connection-forced) and refused until it is back, as in a broker restart. The node
/// process itself keeps running, so it never inherits the integration lock's file descriptor. The broker is shared by
/// every test run on the machine: run specs that use this under the integration lock; the broker is always started again.
/// <c>CRISIS_TEST_RABBIT_STOP</c> / <c>CRISIS_TEST_RABBIT_START</c> name other commands.
/// </summary>
public sealed class RabbitMqOutage : IAsyncDisposable
{
    private static readonly string StopCommand = Environment.GetEnvironmentVariable("CRISIS_TEST_RABBIT_STOP") ?? "rabbitmqctl -q stop_app";
    private static readonly string StartCommand = Environment.GetEnvironmentVariable("CRISIS_TEST_RABBIT_START") ?? "rabbitmqctl -q start_app && rabbitmqctl -q await_startup";

    private bool stopped;

    public static async Task<RabbitMqOutage> BeginAsync()
    {
        var outage = new RabbitMqOutage { stopped = true };
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

    public async Task EndAsync()
    {
        if (!stopped) return;
        await ServerCommand.RunAsync(StartCommand);
        stopped = false;
    }

    public async ValueTask DisposeAsync() => await EndAsync();
}
