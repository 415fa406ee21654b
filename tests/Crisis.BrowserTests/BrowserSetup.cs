using Crisis.BrowserTests.Running;
using Crisis.IntegrationTests.Desk;
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

    /// <summary>test-org's answer publisher and customer service, faked on loopback: the desk's pages publish and hand over to them.</summary>
    public static FakeDeskReceivers DeskReceivers { get; private set; } = null!;

    /// <summary>The time zone test-org's people read times in unless they choose another (UTC+1 all year, no daylight saving).</summary>
    public const string OrganisationTimeZone = "Africa/Algiers";

    /// <summary>An organisation whose people read Arabic unless they say otherwise (test-org chose no language).</summary>
    public const string ArabicOrganisation = "arabic-org";

    /// <summary>An organisation whose people must be answered within a minute: the desk page shows who waited past it.</summary>
    public const string ServiceLevelOrganisation = "desk-sla-browser";

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
        // test-org reads times in Algiers' zone by default, set the way an operator does for a hyphenated organisation
        // id from environment variables: through the organisations file.
        var display = Path.Combine(Path.GetTempPath(), $"crisis-browser-display-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(display,
            $$"""{ "{{TestTokens.Organisation}}": { "timeZone": "{{OrganisationTimeZone}}" }, "{{ArabicOrganisation}}": { "language": "ar" } }""");
        DeskReceivers = await FakeDeskReceivers.StartAsync();
        var settings = new Dictionary<string, string>(DeskReceivers.HostSettings(TestTokens.Organisation, "desk-broken-org"))
        {
            ["Display__OrganisationsFile"] = display,
            // The SLA-breach spec's organisation: a one-minute first-answer target, fired twice a second; no on-call file, so
            // the breach is recorded and nobody is warned (docs/response-desk.md, "Service levels").
            [$"Desk__Organisations__{ServiceLevelOrganisation}__FirstAnswerMinutes"] = "1",
            ["Desk__ServiceLevelPollMilliseconds"] = "500",
        };
        Host = await HostProcess.StartAsync(settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        if (DeskReceivers is not null) await DeskReceivers.DisposeAsync();
        // The run's schema is dropped when everything passed; a failed run leaves it for inspection.
        if (TestContext.CurrentContext.Result.FailCount == 0)
        {
            await using var database = NpgsqlDataSource.Create(TestServers.PostgresConnection);
            await using var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {TestServers.Schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
