using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Crisis.Cli.Hosting;
using Crisis.Ingestion.Mentions;
using Crisis.ServiceDefaults.PersonalData;
using Npgsql;
using Spectre.Console.Cli;

namespace Crisis.Cli.Erasing;

/// <summary>
/// <c>crisis authors erase --platform x --handle @someone</c>: removes what one member of the public wrote, and who
/// they are, from everything the store holds, in one transaction. Since pseudonymisation the events name authors only
/// by their organisation's keyed pseudonym and carry no words, so erasing empties the author's rows of
/// <c>mention_keys</c>: every reader (timeline, notifications, exports, detection) then shows the pseudonym and
/// <c>[erased]</c>. Events recorded before pseudonymisation, and documents copied from them, still hold raw handles:
/// those are masked in place, the one case where the store's history must change (docs/runbook.md). An operator
/// tool: it needs the database's credentials.
/// </summary>
public sealed class EraseAuthorCommand : AsyncCommand<EraseAuthorCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--platform <PLATFORM>")]
        [Description("Where the author posts: " + Platforms.Accepted + ".")]
        public string Platform { get; init; } = "";

        [CommandOption("--handle <HANDLE>")]
        [Description("The author's handle on that platform (with or without @; case does not matter).")]
        public string Handle { get; init; } = "";

        public override Spectre.Console.ValidationResult Validate()
        {
            if (!Platforms.TryParse(Platform, out _)) return Spectre.Console.ValidationResult.Error($"--platform must be one of: {Platforms.Accepted}");
            if (Handle.Trim().TrimStart('@').Length < 2) return Spectre.Console.ValidationResult.Error("--handle is required (at least 2 characters)");
            return Spectre.Console.ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!Platforms.TryParse(settings.Platform, out var platform)) return 1; // Validate() has refused it already

        await using var dataSource = NpgsqlDataSource.Create(settings.ResolveConnection());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var report = new List<string>();
        var (pseudonyms, emptied) = await PostContents.EraseAsync(
            connection, transaction, settings.Schema, platform.WireName(), settings.Handle, DateTimeOffset.UtcNow, cancellationToken);
        if (emptied > 0) report.Add(string.Create(CultureInfo.InvariantCulture, $"kept identity and words of {emptied} posts emptied"));

        // Older events and the documents copied from them name the author by handle: masked under the same pseudonym.
        var masking = new AuthorMasking(platform.WireName(), platform.ToString(), settings.Handle,
            pseudonyms.Count > 0 ? pseudonyms[0] : AuthorMasking.RandomPseudonym(platform.WireName(), settings.Handle));
        foreach (var table in await JsonTablesAsync(connection, settings.Schema, cancellationToken))
        {
            var (rows, posts) = await MaskTableAsync(connection, settings.Schema, table, masking, cancellationToken);
            if (rows > 0) report.Add(string.Create(CultureInfo.InvariantCulture, $"{table}: {posts} posts in {rows} rows"));
        }
        await transaction.CommitAsync(cancellationToken);

        Console.WriteLine(report.Count == 0
            ? $"nothing of {settings.Handle} on {platform.WireName()} was stored in schema '{settings.Schema}'"
            : $"{settings.Handle} on {platform.WireName()} is now {string.Join(", ", pseudonyms.DefaultIfEmpty(masking.Pseudonym))}; {string.Join("; ", report)}");
        return 0;
    }

    /// <summary>Every table of the schema with a jsonb <c>data</c> column: the events and every Marten document.</summary>
    private static async Task<List<string>> JsonTablesAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = @schema AND column_name = 'data' AND data_type = 'jsonb' ORDER BY 1",
            connection);
        command.Parameters.AddWithValue("schema", schema);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task<(int Rows, int Posts)> MaskTableAsync(NpgsqlConnection connection, string schema, string table, AuthorMasking masking, CancellationToken ct)
    {
        var name = $"\"{schema}\".\"{table}\"";
        var changed = new List<(string Ctid, string Json)>();
        var posts = 0;
        await using (var select = new NpgsqlCommand($"SELECT ctid::text, data::text FROM {name} WHERE strpos(lower(data::text), @term) > 0 FOR UPDATE", connection))
        {
            select.Parameters.AddWithValue("term", masking.SearchTerm);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var document = JsonNode.Parse(reader.GetString(1));
                var masked = masking.Mask(document);
                if (masked == 0) continue;
                posts += masked;
                changed.Add((reader.GetString(0), document!.ToJsonString()));
            }
        }
        foreach (var (ctid, json) in changed)
        {
            await using var update = new NpgsqlCommand($"UPDATE {name} SET data = @data::jsonb WHERE ctid = @ctid::tid", connection);
            update.Parameters.AddWithValue("data", json);
            update.Parameters.AddWithValue("ctid", ctid);
            await update.ExecuteNonQueryAsync(ct);
        }
        return (changed.Count, posts);
    }
}
