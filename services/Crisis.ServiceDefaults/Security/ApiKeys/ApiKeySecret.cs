using System.Security.Cryptography;
using System.Text;

namespace Crisis.ServiceDefaults.Security.ApiKeys;

/// <summary>
/// API key secrets: <c>crisis_{keyId}_{256 random bits, base64url}</c>. The key id inside lets the host find the stored
/// record without scanning; only SHA-256 of the whole secret is stored (the secret is random, so a slow hash adds
/// nothing) and it is compared in constant time.
/// </summary>
public static class ApiKeySecret
{
    private const string Prefix = "crisis_";

    public static string NewKeyId() => "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string Generate(string keyId) =>
        Prefix + keyId + "_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The key id a secret names, or null when it is not shaped like one of ours.</summary>
    public static string? KeyIdOf(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 200) return null;
        var rest = secret.AsSpan(Prefix.Length);
        var end = rest.IndexOf('_');
        return end is > 1 and <= 32 && rest.Length > end + 40 ? rest[..end].ToString() : null;
    }

    public static bool Matches(string secret, string storedHash)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        byte[] stored;
        try
        {
            stored = Convert.FromHexString(storedHash);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }
}
