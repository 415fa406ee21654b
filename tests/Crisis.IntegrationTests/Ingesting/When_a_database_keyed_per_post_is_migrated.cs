using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Ingesting;

/// <summary>
/// A database made before the keys named the brand (mention_keys) and the organisation (quoted_posts): `crisis db
/// migrate` moves both to the new keys, keeps every row, and can run again.
/// </summary>
public class When_a_database_keyed_per_post_is_migrated : IntegrationSpec
{
    private readonly string schema = TestServers.Schema + "_keys";

    [SetUp]
    public async Task AnOldDatabaseAsync()
    {
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await MigrateAsync();
        // Back to the old keys, as a database made by the previous version holds them.
        await ExecuteAsync(
            $"""
            ALTER TABLE {schema}.mention_keys DROP CONSTRAINT {await PrimaryKeyNameAsync("mention_keys")};
            ALTER TABLE {schema}.mention_keys ADD PRIMARY KEY (platform, post_id);
            ALTER TABLE {schema}.quoted_posts DROP CONSTRAINT {await PrimaryKeyNameAsync("quoted_posts")};
            ALTER TABLE {schema}.quoted_posts ADD PRIMARY KEY (platform, post_id);
            ALTER TABLE {schema}.quoted_posts ALTER COLUMN organisation_id DROP NOT NULL;
            INSERT INTO {schema}.mention_keys (platform, post_id, brand_id, stream_key, published_at, recorded_at, organisation_id, author_pseudonym, text)
            VALUES ('x', 'p1', 'acme', 'mentions/acme/2026-12-01T10', now(), now(), 'test-org', 'author-1', 'kept');
            INSERT INTO {schema}.quoted_posts (platform, post_id, recorded_at, organisation_id, author_pseudonym, text)
            VALUES ('x', 'q1', now(), 'test-org', 'author-2', 'quoted');
            """);
        Assert.That(await PrimaryKeyAsync("mention_keys"), Is.EqualTo("platform,post_id"), "the old key, to start from");
    }

    [Test]
    public async Task The_keys_name_the_brand_and_the_organisation_and_every_row_stays()
    {
        await MigrateAsync();
        await MigrateAsync();

        var mentionKey = await PrimaryKeyAsync("mention_keys");
        var quotedKey = await PrimaryKeyAsync("quoted_posts");
        var kept = await ScalarAsync($"SELECT count(*) FROM {schema}.mention_keys WHERE text = 'kept'");
        var quoted = await ScalarAsync($"SELECT count(*) FROM {schema}.quoted_posts WHERE text = 'quoted'");
        Assert.Multiple(() =>
        {
            Assert.That(mentionKey, Is.EqualTo("platform,post_id,brand_id"));
            Assert.That(quotedKey, Is.EqualTo("organisation_id,platform,post_id"));
            Assert.That(kept, Is.EqualTo(1));
            Assert.That(quoted, Is.EqualTo(1));
        });
        // The same post for another brand now has a row of its own.
        await ExecuteAsync(
            $"""
            INSERT INTO {schema}.mention_keys (platform, post_id, brand_id, stream_key, published_at, recorded_at)
            VALUES ('x', 'p1', 'other', 'mentions/other/2026-12-01T10', now(), now())
            """);
        Assert.That(await ScalarAsync($"SELECT count(*) FROM {schema}.mention_keys WHERE post_id = 'p1'"), Is.EqualTo(2));
    }

    private async Task MigrateAsync()
    {
        var app = new Spectre.Console.Cli.CommandApp();
        app.Configure(Crisis.Cli.CrisisCommands.Register);
        Assert.That(await app.RunAsync(["db", "migrate", "--connection", TestServers.PostgresConnection, "--schema", schema]), Is.Zero);
    }

    private async Task<string> PrimaryKeyNameAsync(string table)
    {
        await using var command = Database.CreateCommand(
            "SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = ($1 || '.' || $2)::regclass");
        command.Parameters.AddWithValue(schema);
        command.Parameters.AddWithValue(table);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> PrimaryKeyAsync(string table)
    {
        await using var command = Database.CreateCommand(
            """
            SELECT string_agg(a.attname, ',' ORDER BY k.n)
            FROM pg_constraint c, unnest(c.conkey) WITH ORDINALITY AS k(attnum, n), pg_attribute a
            WHERE c.contype = 'p' AND c.conrelid = ($1 || '.' || $2)::regclass AND a.attrelid = c.conrelid AND a.attnum = k.attnum
            """);
        command.Parameters.AddWithValue(schema);
        command.Parameters.AddWithValue(table);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
