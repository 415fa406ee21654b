using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Crisis.ServiceDefaults.PersonalData;

/// <summary>
/// Reads and writes <see cref="PersonalDataTables.PostContent"/>: ingestion writes every post's identity and words here in
/// the transaction that appends its (pseudonymous) events; detection reads the texts back for its term counts; whoever
/// shows evidence to people resolves pseudonyms and excerpts here at the last moment, so an erased author shows as
/// <see cref="PostContent.ErasedMark"/> everywhere at once.
/// </summary>
public sealed class PostContents(NpgsqlDataSource dataSource, string schema, AuthorPseudonyms pseudonyms)
{
    private string Table => $"{schema}.{PersonalDataTables.PostContent}";

    /// <summary>
    /// Keeps the posts' content inside the caller's transaction. A post already kept is refreshed, unless its author
    /// has been erased: an erased post never comes back through a re-send.
    /// </summary>
    public static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, IReadOnlyList<NewPostContent> posts,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (posts.Count == 0) return;
        await using var command = InsertCommand(connection, transaction, schema, posts, now,
            $"""
            DO UPDATE SET author_handle = excluded.author_handle, author_display_name = excluded.author_display_name,
                          text = excluded.text, url = excluded.url
            WHERE {PersonalDataTables.PostContent}.erased_at IS NULL
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Keeps posts that arrived quoted rather than ingested (a page from another detector quotes its evidence): stored
    /// only when not already known, and named by the organisation's pseudonym. Returns the pseudonym of every post.
    /// </summary>
    public async Task<IReadOnlyDictionary<PostRef, string>> RememberAsync(
        string organisationId, IReadOnlyList<(PostRef Post, string Handle, string? Text)> quoted, CancellationToken cancellationToken)
    {
        if (quoted.Count == 0) return new Dictionary<PostRef, string>();
        var key = await pseudonyms.KeyAsync(organisationId, cancellationToken);
        var posts = quoted.DistinctBy(q => q.Post)
            .Select(q => new NewPostContent(q.Post, organisationId, AuthorPseudonyms.Of(key, q.Post.Platform, q.Handle), q.Handle, null, q.Text, null))
            .ToList();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        await using (var command = InsertCommand(connection, transaction, schema, posts, DateTimeOffset.UtcNow, "DO NOTHING"))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var kept = await FindAsync(posts.Select(p => p.Post), cancellationToken);
        return posts.ToDictionary(p => p.Post, p => kept.TryGetValue(p.Post, out var c) ? c.Pseudonym : p.Pseudonym);
    }

    private static NpgsqlCommand InsertCommand(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, IReadOnlyList<NewPostContent> posts, DateTimeOffset now, string onConflict)
    {
        var command = new NpgsqlCommand(
            $"""
            INSERT INTO {schema}.{PersonalDataTables.PostContent}
                (platform, post_id, organisation_id, author_pseudonym, author_handle, author_display_name, text, url, recorded_at)
            SELECT p.platform, p.post_id, p.organisation_id, p.pseudonym, p.handle, p.display_name, p.text, p.url, @now
            FROM unnest(@platforms, @postIds, @organisations, @pseudonyms, @handles, @displayNames, @texts, @urls)
                 AS p(platform, post_id, organisation_id, pseudonym, handle, display_name, text, url)
            ORDER BY p.platform, p.post_id
            ON CONFLICT (platform, post_id) {onConflict}
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        command.Parameters.Add(Texts("platforms", posts.Select(p => p.Post.Platform)));
        command.Parameters.Add(Texts("postIds", posts.Select(p => p.Post.PostId)));
        command.Parameters.Add(Texts("organisations", posts.Select(p => p.OrganisationId)));
        command.Parameters.Add(Texts("pseudonyms", posts.Select(p => p.Pseudonym)));
        command.Parameters.Add(Texts("handles", posts.Select(p => p.Handle)));
        command.Parameters.Add(Texts("displayNames", posts.Select(p => p.DisplayName)));
        command.Parameters.Add(Texts("texts", posts.Select(p => p.Text)));
        command.Parameters.Add(Texts("urls", posts.Select(p => p.Url)));
        return command;
    }

    public async Task<IReadOnlyDictionary<PostRef, PostContent>> FindAsync(IEnumerable<PostRef> posts, CancellationToken cancellationToken)
    {
        var wanted = posts.Distinct().ToArray();
        var found = new Dictionary<PostRef, PostContent>();
        if (wanted.Length == 0) return found;
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT c.platform, c.post_id, c.author_pseudonym, c.author_handle, c.author_display_name, c.text, c.url, c.erased_at IS NOT NULL
            FROM unnest($1::text[], $2::text[]) AS w(platform, post_id)
            JOIN {Table} c ON c.platform = w.platform AND c.post_id = w.post_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(p => p.Platform).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(p => p.PostId).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var post = new PostRef(reader.GetString(0), reader.GetString(1));
            found[post] = new PostContent(post, reader.GetString(2), Nullable(reader, 3), Nullable(reader, 4), Nullable(reader, 5), Nullable(reader, 6), reader.GetBoolean(7));
        }
        return found;
    }

    /// <summary>
    /// Puts the kept author and excerpt back into every post quoted as evidence in a JSON document about to be shown
    /// (an object with <c>platform</c>, <c>postId</c> and <c>author</c>). A post whose content was never kept here (quoted
    /// by events older than pseudonymisation) is left as it is.
    /// </summary>
    public async Task<JsonNode?> ResolveEvidenceAsync(JsonNode? document, CancellationToken cancellationToken)
    {
        var quoted = new List<(JsonObject Post, PostRef Ref)>();
        Collect(document, quoted);
        if (quoted.Count == 0) return document;
        var found = await FindAsync(quoted.Select(q => q.Ref), cancellationToken);
        foreach (var (post, reference) in quoted)
        {
            if (!found.TryGetValue(reference, out var content)) continue;
            post["author"] = content.Author;
            post["excerpt"] = content.Excerpt;
        }
        return document;
    }

    private static void Collect(JsonNode? node, List<(JsonObject, PostRef)> quoted)
    {
        switch (node)
        {
            case JsonObject o:
                if (StringOf(o, "platform") is { } platform && StringOf(o, "postId") is { } postId && o.ContainsKey("author"))
                {
                    quoted.Add((o, new PostRef(platform, postId)));
                }
                foreach (var (_, child) in o) Collect(child, quoted);
                break;
            case JsonArray a:
                foreach (var child in a) Collect(child, quoted);
                break;
        }
    }

    private static string? StringOf(JsonObject o, string name) =>
        o.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>
    /// Empties the kept identity and words of one author on one platform, inside the caller's transaction, trying the
    /// handle under every organisation's key (every kept row is named by its pseudonym, so the index finds them). The rows stay, with their pseudonym, so evidence still says "someone,
    /// erased" and counts still hold. Returns the pseudonyms erased and the number of posts.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Pseudonyms, int Posts)> EraseAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string platform, string handle,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = await AuthorPseudonyms.AllKeysAsync(connection, schema, cancellationToken);
        var candidates = keys.Select(k => AuthorPseudonyms.Of(k, platform, handle)).ToArray();
        await using var command = new NpgsqlCommand(
            $"""
            UPDATE {schema}.{PersonalDataTables.PostContent}
            SET author_handle = NULL, author_display_name = NULL, text = NULL, url = NULL, erased_at = coalesce(erased_at, @now)
            WHERE platform = @platform
              AND author_pseudonym = ANY(@pseudonyms)
            RETURNING author_pseudonym
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        command.Parameters.Add(new NpgsqlParameter<string>("platform", platform));
        command.Parameters.Add(Texts("pseudonyms", candidates));
        var erased = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) erased.Add(reader.GetString(0));
        return (erased.Distinct(StringComparer.Ordinal).ToList(), erased.Count);
    }

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static NpgsqlParameter<string?[]> Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values.ToArray() };
}
