using Crisis.PersonalData.Storing;
using Crisis.IntegrationTests;
using System.Net.Http.Json;
using Npgsql;

namespace Crisis.IntegrationTests.Running;

/// <summary>Base of the integration specs: resets the store before each test (not after, so a failure can be inspected).</summary>
public abstract class IntegrationSpec
{
    protected static HostProcess Host => IntegrationSetup.Host;

    protected static NpgsqlDataSource Database => IntegrationSetup.Database;

    protected static string Schema => TestServers.Schema;

    /// <summary>
    /// Empties every table but two: the organisations' pseudonym keys (like a deployment's, they outlive everything else,
    /// and the running hosts keep them cached: AuthorPseudonyms) and the async daemon's progress, which the running host's
    /// daemon owns. Emptied under it, every shard's next progress update finds no row, Marten stops the shard
    /// (ProgressionProgressOutOfOrderException) and the paging planner with it. The event sequence is not reset, so the
    /// kept progress is simply behind the next events.
    /// </summary>
    [SetUp]
    public async Task ResetStoreAsync()
    {
        // One statement for every table, and again if PostgreSQL picked it as a deadlock victim: the host's daemon writes
        // while the reset runs, and a table-by-table loop took its locks in another order than the daemon's transactions.
        for (var attempt = 1; ; attempt++)
        {
            await using var command = Database.CreateCommand(
                $"""
                DO $$ DECLARE tables text; BEGIN
                  SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO tables FROM pg_tables
                  WHERE schemaname = '{Schema}' AND tablename NOT IN ('{PersonalDataTables.PseudonymKeys}', 'mt_event_progression');
                  IF tables IS NOT NULL THEN EXECUTE 'TRUNCATE ' || tables || ' CASCADE'; END IF;
                END $$;
                """);
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
                // Chosen as the victim: the daemon's transaction went through; the reset runs again.
            }
        }
    }

    protected static async Task RegisterBrandAsync(string id, HostProcess? host = null)
    {
        using var response = await (host ?? Host).Http.PostAsJsonAsync("/api/brands", new { id, name = id.ToUpperInvariant(), organisationId = "test-org" });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs a <c>crisis</c> command in process against this run's store (its connection and schema appended).</summary>
    protected static Task<int> RunCliAsync(params string[] args)
    {
        var app = new Spectre.Console.Cli.CommandApp();
        app.Configure(Crisis.Cli.CrisisCommands.Register);
        return app.RunAsync([.. args, "--connection", TestServers.PostgresConnection, "--schema", Schema]);
    }

    /// <summary>Runs a <c>crisis</c> command as <see cref="RunCliAsync"/> does and answers what it wrote to standard output and error.</summary>
    protected static Task<(int Exit, string Out, string Error)> RunCliCapturedAsync(params string[] args) => CapturedCli.CaptureAsync(() => RunCliAsync(args));

    protected static async Task<long> ScalarAsync(string sql)
    {
        await using var command = Database.CreateCommand(sql.Replace("{schema}", Schema, StringComparison.Ordinal));
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Mentions as stored in events: the truth, independently of the dedup key table.</summary>
    protected static Task<long> MentionsInEventsAsync() =>
        ScalarAsync("SELECT coalesce(sum(jsonb_array_length(data->'mentions')), 0) FROM {schema}.mt_events WHERE type = 'mentions_recorded'");

    protected static Task<long> DistinctMentionsInEventsAsync() =>
        ScalarAsync("SELECT count(DISTINCT (m->>'platform') || ':' || (m->>'postId')) FROM {schema}.mt_events e, jsonb_array_elements(e.data->'mentions') m WHERE e.type = 'mentions_recorded'");

    protected static Task<long> MentionKeysAsync() => ScalarAsync("SELECT count(*) FROM {schema}.mention_keys");
}
