using Crisis.BrowserTests.Running;
using Crisis.IntegrationTests.Running;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Crisis.BrowserTests.Connecting;

/// <summary>The connectors panel shows the organisation's connectors, a failing one with its error, and no other organisation's.</summary>
public class When_the_connectors_page_is_opened : DashboardSpec
{
    [Test]
    public async Task Each_of_the_organisations_connectors_shows_its_state_and_a_failing_one_its_error()
    {
        var reading = Unique("press");
        var failing = Unique("xstream");
        var theirs = Unique("theirs");
        var now = DateTimeOffset.UtcNow;
        await SaveAsync(reading, "rss", "test-org", now, error: null);
        await SaveAsync(failing, "x-stream", "test-org", now, error: "api.x.com answered 401 to GET /2/tweets/search/stream (check the connector's token)");
        await SaveAsync(theirs, "bluesky", "other-org", now, error: null);

        await Page.GotoAsync("/dashboard/connectors.html");

        await Expect(Page.Locator($"tr[data-connector={reading}]")).ToContainTextAsync("reading");
        await Expect(Page.Locator($"tr[data-connector={failing}]")).ToContainTextAsync("failing");
        await Expect(Page.Locator($"tr[data-connector={failing}]")).ToContainTextAsync("answered 401");
        await Expect(Page.Locator($"tr[data-connector={reading}] td.num").Nth(2)).ToHaveTextAsync("7");
        await Expect(Page.Locator($"tr[data-connector={theirs}]")).ToHaveCountAsync(0);
    }

    /// <summary>A connector's row as a connector node writes it (ConnectorCursors), without running one.</summary>
    private static async Task SaveAsync(string name, string source, string organisation, DateTimeOffset at, string? error)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestServers.PostgresConnection);
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO {TestServers.Schema}.connector_cursors (name, source, organisation_id, seen, matched, sent, updated_at, newest_published_at, last_error, failing_since)
            VALUES ($1, $2, $3, 40, 12, 7, $4, $4, $5, CASE WHEN $5::text IS NULL THEN NULL ELSE $4 END)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = source });
        command.Parameters.Add(new NpgsqlParameter { Value = organisation });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync();
    }
}
