using System.Text.Json.Nodes;
using Crisis.PersonalData.Pseudonymising;
using Crisis.PersonalData.Storing;
using Npgsql;
using NpgsqlTypes;

namespace Crisis.PersonalData.Reading;

/// <summary>
/// Reads the public's identity and words kept apart from the events: ingested posts in
/// <see cref="PersonalDataTables.Mentions"/> (written by ingestion with each post's dedup key), posts quoted by another
/// detector in <see cref="PersonalDataTables.QuotedPosts"/>. Whoever shows evidence to people resolves pseudonyms and
/// excerpts here at the last moment, so an erased author shows as <see cref="PostContent.ErasedMark"/> everywhere at once.
/// </summary>
public sealed class PostContents(NpgsqlDataSource dataSource, string schema, AuthorPseudonyms pseudonyms)
{
    /// <summary>
    /// Keeps posts that arrived quoted rather than ingested (a page from another detector quotes its evidence), named by
    /// the organisation's pseudonym. A post the organisation already knows keeps what was known; another organisation's
    /// copy of the same post changes nothing. Returns the pseudonym of every post.
    /// </summary>
    public async Task<IReadOnlyDictionary<PostRef, string>> RememberAsync(
        string organisationId, IReadOnlyList<(PostRef Post, string Handle, string? Text)> quoted, CancellationToken cancellationToken)
    {
        if (quoted.Count == 0) return new Dictionary<PostRef, string>();
        var key = await pseudonyms.KeyAsync(organisationId, cancellationToken);
        var posts = quoted.DistinctBy(q => q.Post).ToList();
        using var namer = new AuthorPseudonyms.Namer(key);
        var named = posts.ToDictionary(q => q.Post, q => namer.Of(q.Post.Platform, q.Handle));
        await using (var command = dataSource.CreateCommand(
            $"""
            INSERT INTO {schema}.{PersonalDataTables.QuotedPosts} (platform, post_id, organisation_id, author_pseudonym, author_handle, text, recorded_at)
            SELECT p.platform, p.post_id, $1, p.pseudonym, p.handle, p.text, now()
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS p(platform, post_id, pseudonym, handle, text)
            -- A post the organisation ingested is kept once, where ingestion put it.
            WHERE NOT EXISTS (SELECT 1 FROM {schema}.{PersonalDataTables.Mentions} m
                              WHERE m.platform = p.platform AND m.post_id = p.post_id AND m.organisation_id = $1 AND m.author_pseudonym IS NOT NULL)
            ORDER BY p.platform, p.post_id
            ON CONFLICT (organisation_id, platform, post_id) DO NOTHING
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = organisationId });
            command.Parameters.Add(SqlArrays.Texts(posts.Select(p => p.Post.Platform)));
            command.Parameters.Add(SqlArrays.Texts(posts.Select(p => p.Post.PostId)));
            command.Parameters.Add(SqlArrays.Texts(posts.Select(p => named[p.Post])));
            command.Parameters.Add(SqlArrays.Texts(posts.Select(p => p.Handle)));
            command.Parameters.Add(SqlArrays.Texts(posts.Select(p => p.Text)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var kept = await FindAsync(named.Keys, PostScope.OfOrganisation(organisationId), cancellationToken);
        return named.ToDictionary(n => n.Key, n => kept.TryGetValue(n.Key, out var c) ? c.Pseudonym : n.Value);
    }

    /// <summary>
    /// What is kept of each post that has a pseudonymous record in <paramref name="scope"/>; an ingested post wins over a
    /// quoted one. Rows of other brands and organisations are never read.
    /// </summary>
    public async Task<IReadOnlyDictionary<PostRef, PostContent>> FindAsync(IEnumerable<PostRef> posts, PostScope scope, CancellationToken cancellationToken)
    {
        var wanted = posts.Distinct().ToArray();
        var found = new Dictionary<PostRef, PostContent>();
        if (wanted.Length == 0) return found;
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT 0 AS source, c.platform, c.post_id, c.author_pseudonym, c.author_handle, c.author_display_name, c.text, c.url, c.erased_at IS NOT NULL
            FROM unnest($1::text[], $2::text[]) AS w(platform, post_id)
            JOIN {schema}.{PersonalDataTables.Mentions} c ON c.platform = w.platform AND c.post_id = w.post_id
            WHERE c.author_pseudonym IS NOT NULL
              AND ($3::text IS NULL OR c.organisation_id = $3) AND ($4::text IS NULL OR c.brand_id = $4)
            UNION ALL
            SELECT 1, q.platform, q.post_id, q.author_pseudonym, q.author_handle, q.author_display_name, q.text, q.url, q.erased_at IS NOT NULL
            FROM unnest($1::text[], $2::text[]) AS w(platform, post_id)
            JOIN {schema}.{PersonalDataTables.QuotedPosts} q ON q.platform = w.platform AND q.post_id = w.post_id AND q.organisation_id = $3
            ORDER BY source DESC
            """);
        command.Parameters.Add(SqlArrays.Texts(wanted.Select(p => p.Platform)));
        command.Parameters.Add(SqlArrays.Texts(wanted.Select(p => p.PostId)));
        command.Parameters.Add(new NpgsqlParameter<string?> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = scope.OrganisationId });
        command.Parameters.Add(new NpgsqlParameter<string?> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = scope.BrandId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // Quoted rows come first, so the ingested row of the same post overwrites them.
            var post = new PostRef(reader.GetString(1), reader.GetString(2));
            found[post] = new PostContent(post, reader.GetString(3), Nullable(reader, 4), Nullable(reader, 5), Nullable(reader, 6), Nullable(reader, 7), reader.GetBoolean(8));
        }
        return found;
    }

    /// <summary>
    /// Puts the kept author and excerpt back into every post quoted as evidence in a JSON document about to be shown
    /// (an object with <c>platform</c>, <c>postId</c> and <c>author</c>). A post with no pseudonymous record (quoted by
    /// events older than pseudonymisation) is left as it is.
    /// </summary>
    public async Task<JsonNode?> ResolveEvidenceAsync(JsonNode? document, PostScope scope, CancellationToken cancellationToken)
    {
        var quoted = new List<(JsonObject Post, PostRef Ref)>();
        Collect(document, quoted);
        if (quoted.Count == 0) return document;
        var found = await FindAsync(quoted.Select(q => q.Ref), scope, cancellationToken);
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

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
