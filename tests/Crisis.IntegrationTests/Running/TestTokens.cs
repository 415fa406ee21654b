using System.Net.Http.Headers;
using Crisis.ServiceDefaults.Security.Authorizing;
using Crisis.ServiceDefaults.Security.IssuingTokens;

namespace Crisis.IntegrationTests.Running;

/// <summary>
/// The run's signing key (a file the test hosts trust, as an operator's host trusts its key file) and tokens signed
/// with it. Every host's default client is an admin of <see cref="Organisation"/>, so specs that are not about
/// security call the API as a signed-in operator without saying so.
/// </summary>
public static class TestTokens
{
    public const string Organisation = "test-org";
    public const string DefaultName = "test-admin";

    private static readonly Lazy<(string Path, SigningKey Key)> RunKey = new(() =>
    {
        var key = SigningKey.Create(TimeProvider.System);
        var path = Path.Combine(Path.GetTempPath(), $"crisis-it-{Environment.ProcessId}-{key.KeyId}.key.json");
        key.WriteTo(path);
        return (path, key);
    });

    public static SigningKey Key => RunKey.Value.Key;

    /// <summary>The key file the test hosts list in Authentication:Jwt:SigningKeyFiles.</summary>
    public static string KeyFile => RunKey.Value.Path;

    /// <summary>The host settings that make it trust the run's key (issuer and audience stay the defaults).</summary>
    public static IReadOnlyDictionary<string, string> HostSettings() => new Dictionary<string, string>
    {
        ["Authentication__Jwt__SigningKeyFiles__0"] = RunKey.Value.Path,
    };

    public static string Issue(string organisation = Organisation, string name = DefaultName, string[]? roles = null, TimeSpan? lifetime = null) =>
        TokenIssuer.Issue(Key, new TokenRequest(name, organisation, roles ?? [CrisisRoles.Admin], lifetime ?? TimeSpan.FromHours(2)), DateTimeOffset.UtcNow);

    public static AuthenticationHeaderValue Bearer(string organisation = Organisation, string name = DefaultName, params string[] roles) =>
        new("Bearer", Issue(organisation, name, roles.Length == 0 ? null : roles));

    /// <summary>A token signed with the run key carrying exactly these claims: for tokens the issuer would refuse to make.</summary>
    public static string IssueRaw(IDictionary<string, object> claims) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(
        new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = TokenIssuer.DefaultIssuer,
            Audience = TokenIssuer.DefaultAudience,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new(Key.SecurityKey, SigningKey.Algorithm),
            Claims = claims,
        });

    public static void Delete()
    {
        if (RunKey.IsValueCreated) File.Delete(RunKey.Value.Path);
    }
}
