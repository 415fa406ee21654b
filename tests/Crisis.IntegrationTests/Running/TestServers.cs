namespace Crisis.IntegrationTests.Running;

/// <summary>
/// The real PostgreSQL and RabbitMQ that ops/start-servers.sh starts (.ci/run does so before the tests).
/// Each test run gets its own store schema; the bus uses the dedicated <c>crisis-test</c> virtual host.
/// </summary>
public static class TestServers
{
    public static readonly string PostgresConnection =
        Environment.GetEnvironmentVariable("CRISIS_TEST_CONNECTION")
        ?? "Host=127.0.0.1;Port=5432;Database=crisis;Username=crisis;Password=crisis;Maximum Pool Size=40";

    public static readonly Uri RabbitMq = new(
        Environment.GetEnvironmentVariable("CRISIS_TEST_RABBITMQ") ?? "amqp://crisis:crisis@127.0.0.1:5672/crisis-test");

    /// <summary>A schema of its own for this run, so a developer's data and a parallel run are never touched.</summary>
    public static readonly string Schema = $"it_{DateTime.UtcNow:MMddHHmmss}_{Environment.ProcessId}";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Debug or Release: whichever this test assembly was built as, so the host matches it.</summary>
    public static string BuildConfiguration { get; } =
        new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Crisis.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Crisis.sln not found above " + AppContext.BaseDirectory);
    }
}
