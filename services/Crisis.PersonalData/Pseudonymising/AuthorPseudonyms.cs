using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Crisis.PersonalData.Storing;
using Npgsql;

namespace Crisis.PersonalData.Pseudonymising;

/// <summary>
/// Names an author of the public by a keyed pseudonym: HMAC-SHA256 of the platform and the normalised handle under
/// the organisation's own random key. The same author is the same pseudonym within one organisation (distinct-author
/// counts and evidence still hold) and unrelated across organisations; without the key the handle cannot be
/// recovered or tested. Keys are created on first use and never change, so they are cached for good.
/// </summary>
public sealed class AuthorPseudonyms(NpgsqlDataSource dataSource, string schema)
{
    public const string Prefix = "author-";
    private readonly ConcurrentDictionary<string, byte[]> keys = new(StringComparer.Ordinal);

    public static string Of(byte[] key, string platform, string handle)
    {
        using var namer = new Namer(key);
        return namer.Of(platform, handle);
    }

    /// <summary>How handles compare: '@' and case do not make another author.</summary>
    public static string NormaliseHandle(string handle) => handle.Trim().TrimStart('@').ToLowerInvariant();

    public async ValueTask<byte[]> KeyAsync(string organisationId, CancellationToken cancellationToken)
    {
        if (keys.TryGetValue(organisationId, out var known)) return known;
        // Twice at most: a node that loses the race to create the key reads the winner's on its second try.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await CreateOrReadAsync(organisationId, cancellationToken) is { } key) return keys.GetOrAdd(organisationId, key);
        }
        throw new InvalidOperationException($"no pseudonym key could be created for organisation '{organisationId}'");
    }

    private async Task<byte[]?> CreateOrReadAsync(string organisationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH created AS (
                INSERT INTO {schema}.{PersonalDataTables.PseudonymKeys} (organisation_id, key, created_at)
                VALUES ($1, $2, now()) ON CONFLICT (organisation_id) DO NOTHING RETURNING key)
            SELECT key FROM created
            UNION ALL SELECT key FROM {schema}.{PersonalDataTables.PseudonymKeys} WHERE organisation_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = organisationId });
        command.Parameters.Add(new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(32) });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <summary>Every organisation's key: an operator's erasure tries the handle under each, since an author may be quoted by several.</summary>
    public static async Task<IReadOnlyList<(string OrganisationId, byte[] Key)>> AllKeysAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT organisation_id, key FROM {schema}.{PersonalDataTables.PseudonymKeys} ORDER BY organisation_id", connection);
        var found = new List<(string, byte[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) found.Add((reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
        return found;
    }

    /// <summary>
    /// Names many authors under one key: the HMAC's key schedule is computed once, not per author (ingestion names
    /// every mention). Not thread-safe: one per batch.
    /// </summary>
    public sealed class Namer(byte[] key) : IDisposable
    {
        private readonly HMACSHA256 hmac = new(key);

        public string Of(string platform, string handle)
        {
            var text = $"{platform}:{NormaliseHandle(handle)}";
            var length = Encoding.UTF8.GetMaxByteCount(text.Length);
            Span<byte> input = length <= 1024 ? stackalloc byte[length] : new byte[length];
            var written = Encoding.UTF8.GetBytes(text, input);
            Span<byte> hash = stackalloc byte[32];
            hmac.TryComputeHash(input[..written], hash, out _);
            return Prefix + Convert.ToHexStringLower(hash[..8]);
        }

        public void Dispose() => hmac.Dispose();
    }
}
