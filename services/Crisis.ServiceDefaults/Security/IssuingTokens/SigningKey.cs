using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace Crisis.ServiceDefaults.Security.IssuingTokens;

/// <summary>
/// A local signing key (HMAC-SHA256, 512 random bits) in a small JSON file: <c>crisis token --create-key</c> writes it,
/// <c>crisis token --key</c> signs with it and the host verifies with it. The key id (<c>kid</c>) lets the host accept
/// several keys at once, so a key is rotated by adding the new file, reissuing tokens, then removing the old one.
/// </summary>
public sealed record SigningKey(string KeyId, byte[] Secret)
{
    public const string Algorithm = SecurityAlgorithms.HmacSha256;

    public SymmetricSecurityKey SecurityKey => new(Secret) { KeyId = KeyId };

    public static SigningKey Create(TimeProvider clock) =>
        new(string.Create(CultureInfo.InvariantCulture, $"k{clock.GetUtcNow():yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}"),
            RandomNumberGenerator.GetBytes(64));

    /// <summary>Writes the key readable by its owner only (the file is a credential: whoever reads it can issue any token).</summary>
    public void WriteTo(string path)
    {
        var json = JsonSerializer.Serialize(new KeyFile(KeyId, "HS256", Convert.ToBase64String(Secret)), KeyFileJson.Default.KeyFile);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(json);
    }

    /// <summary>Reads a key file; a missing, malformed or too short key is an error naming the file.</summary>
    public static SigningKey Read(string path)
    {
        if (!File.Exists(path)) throw new SigningKeyException(path, "the file does not exist (create one with: crisis token --create-key FILE)");
        KeyFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllText(path), KeyFileJson.Default.KeyFile);
        }
        catch (JsonException e)
        {
            throw new SigningKeyException(path, $"not a key file ({e.Message})");
        }
        if (file is null || string.IsNullOrWhiteSpace(file.Kid)) throw new SigningKeyException(path, "'kid' is missing");
        if (file.Alg != "HS256") throw new SigningKeyException(path, $"'alg' must be HS256, not '{file.Alg}'");
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(file.Key ?? "");
        }
        catch (FormatException)
        {
            throw new SigningKeyException(path, "'key' is not base64");
        }
        if (secret.Length < 32) throw new SigningKeyException(path, "'key' must hold at least 256 bits");
        return new SigningKey(file.Kid, secret);
    }

    internal sealed record KeyFile(string Kid, string Alg, string? Key);
}

[JsonSerializable(typeof(SigningKey.KeyFile))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
internal sealed partial class KeyFileJson : JsonSerializerContext;

public sealed class SigningKeyException(string path, string problem) : Exception($"signing key file '{path}': {problem}")
{
    public string Path { get; } = path;
}
