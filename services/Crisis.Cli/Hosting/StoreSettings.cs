using System.ComponentModel;
using Spectre.Console.Cli;

namespace Crisis.Cli.Hosting;

/// <summary>Options shared by every command that talks to the event store.</summary>
public class StoreSettings : CommandSettings
{
    public const string DefaultConnection = "Host=127.0.0.1;Port=5432;Database=crisis;Username=crisis;Password=crisis";

    [CommandOption("--connection <CONNECTION_STRING>")]
    [Description("PostgreSQL connection string. Default: $CRISIS_CONNECTION, else the local development server.")]
    public string? Connection { get; init; }

    [CommandOption("--schema <SCHEMA>")]
    [Description("Schema of the event store. Default: crisis.")]
    public string Schema { get; init; } = "crisis";

    public string ResolveConnection() =>
        Connection ?? Environment.GetEnvironmentVariable("CRISIS_CONNECTION") ?? DefaultConnection;
}
