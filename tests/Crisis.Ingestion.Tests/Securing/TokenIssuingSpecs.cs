using System.Security.Claims;
using Crisis.ServiceDefaults.Localisation;
using Crisis.ServiceDefaults.Security.Authorizing;
using Crisis.ServiceDefaults.Security.IssuingTokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Crisis.Ingestion.Tests.Securing;

public class Issuing_a_token
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static async Task<TokenValidationResult> ValidateAsync(string token, params SigningKey[] trusted) =>
        await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = TokenIssuer.DefaultIssuer,
            ValidAudience = TokenIssuer.DefaultAudience,
            IssuerSigningKeys = trusted.Select(k => k.SecurityKey),
            NameClaimType = Caller.NameClaim,
            RoleClaimType = Caller.RoleClaim,
        });

    [Test]
    public async Task Carries_the_name_the_organisation_and_every_role()
    {
        var key = SigningKey.Create(TimeProvider.System);
        var token = TokenIssuer.Issue(key, new TokenRequest("alice", "acme-corp", ["responder", "viewer"], TimeSpan.FromHours(8)), Now);

        var result = await ValidateAsync(token, key);
        var user = new ClaimsPrincipal(result.ClaimsIdentity);

        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
        Assert.Multiple(() =>
        {
            Assert.That(user.Actor(), Is.EqualTo("alice"));
            Assert.That(user.Organisation(), Is.EqualTo("acme-corp"));
            Assert.That(user.Roles(), Is.EquivalentTo(new[] { "responder", "viewer" }));
            Assert.That(result.SecurityToken.ValidTo, Is.EqualTo(Now.AddHours(8).UtcDateTime).Within(TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    public async Task Carries_the_readers_language_and_zone_when_given_and_a_claim_naming_neither_reads_as_none()
    {
        var key = SigningKey.Create(TimeProvider.System);
        Assert.That(UiLanguage.TryParse("ar-u-nu-latn", out var arabic), Is.True);
        Assert.That(ViewerZone.TryParse("Africa/Algiers", out var algiers), Is.True);
        var token = TokenIssuer.Issue(key, new TokenRequest("amina", "acme-corp", ["viewer"], TimeSpan.FromHours(1), arabic, algiers), Now);
        var user = new ClaimsPrincipal((await ValidateAsync(token, key)).ClaimsIdentity);
        var plain = new ClaimsPrincipal((await ValidateAsync(TokenIssuer.Issue(key, new TokenRequest("bob", "acme-corp", ["viewer"], TimeSpan.FromHours(1)), Now), key)).ClaimsIdentity);
        var forged = new ClaimsPrincipal(new ClaimsIdentity([new Claim(Caller.LocaleClaim, "xx-<script>"), new Claim(Caller.ZoneClaim, "../../etc/passwd")]));

        Assert.Multiple(() =>
        {
            Assert.That(user.Locale()?.Tag, Is.EqualTo("ar-u-nu-latn"));
            Assert.That(user.TimeZone()?.Id, Is.EqualTo("Africa/Algiers"));
            Assert.That(plain.Locale(), Is.Null);
            Assert.That(plain.TimeZone(), Is.Null);
            Assert.That(forged.Locale(), Is.Null);
            Assert.That(forged.TimeZone(), Is.Null);
        });
    }

    [Test]
    public async Task Is_told_apart_by_key_id_so_that_rotation_accepts_old_and_new_keys()
    {
        var old = SigningKey.Create(TimeProvider.System);
        var current = SigningKey.Create(TimeProvider.System);
        var request = new TokenRequest("alice", "acme-corp", ["viewer"], TimeSpan.FromHours(1));

        Assert.That((await ValidateAsync(TokenIssuer.Issue(old, request, Now), old, current)).IsValid, Is.True);
        Assert.That((await ValidateAsync(TokenIssuer.Issue(current, request, Now), old, current)).IsValid, Is.True);
        Assert.That((await ValidateAsync(TokenIssuer.Issue(old, request, Now), current)).IsValid, Is.False, "a removed key no longer verifies");
    }

    [Test]
    public void Refuses_unknown_roles_and_lifetimes_that_are_not_positive()
    {
        var key = SigningKey.Create(TimeProvider.System);
        Assert.Throws<ArgumentException>(() => TokenIssuer.Issue(key, new TokenRequest("a", "o", ["owner"], TimeSpan.FromHours(1)), Now));
        Assert.Throws<ArgumentException>(() => TokenIssuer.Issue(key, new TokenRequest("a", "o", ["viewer"], TimeSpan.Zero), Now));
    }

    [TestCase("30m", 30)]
    [TestCase("8h", 480)]
    [TestCase("7d", 10080)]
    public void Lifetimes_read_as_people_type_them(string text, int minutes)
    {
        Assert.That(TokenLifetime.TryParse(text, out var lifetime), Is.True);
        Assert.That(lifetime, Is.EqualTo(TimeSpan.FromMinutes(minutes)));
    }

    [TestCase("")]
    [TestCase("8")]
    [TestCase("h")]
    [TestCase("-1h")]
    [TestCase("0h")]
    [TestCase("8w")]
    [TestCase("400d")]
    public void Other_lifetimes_are_refused(string text) => Assert.That(TokenLifetime.TryParse(text, out _), Is.False);
}

public class A_signing_key_file
{
    private string folder = null!;

    [SetUp]
    public void Folder() => folder = Directory.CreateTempSubdirectory("crisis-key-").FullName;

    [TearDown]
    public void Clean() => Directory.Delete(folder, recursive: true);

    [Test]
    public void Reads_back_the_key_it_was_written_with_and_is_readable_by_its_owner_only()
    {
        var path = Path.Combine(folder, "key.json");
        var key = SigningKey.Create(TimeProvider.System);

        key.WriteTo(path);
        var read = SigningKey.Read(path);

        Assert.That((read.KeyId, read.Secret), Is.EqualTo((key.KeyId, key.Secret)));
        if (!OperatingSystem.IsWindows()) Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void Is_never_overwritten()
    {
        var path = Path.Combine(folder, "key.json");
        SigningKey.Create(TimeProvider.System).WriteTo(path);
        Assert.Throws<IOException>(() => SigningKey.Create(TimeProvider.System).WriteTo(path));
    }

    [TestCase("not json", "not a key file")]
    [TestCase("""{"kid":"k1","alg":"RS256","key":"AAAA"}""", "HS256")]
    [TestCase("""{"kid":"k1","alg":"HS256","key":"AAAA"}""", "256 bits")]
    [TestCase("""{"kid":"","alg":"HS256","key":"AAAA"}""", "'kid'")]
    public void That_is_malformed_is_refused_naming_the_file_and_the_problem(string content, string problem)
    {
        var path = Path.Combine(folder, "bad.json");
        File.WriteAllText(path, content);
        var error = Assert.Throws<SigningKeyException>(() => SigningKey.Read(path));
        Assert.That(error!.Message, Does.Contain(path).And.Contain(problem));
    }

    [Test]
    public void That_is_missing_says_how_to_create_one() =>
        Assert.That(Assert.Throws<SigningKeyException>(() => SigningKey.Read(Path.Combine(folder, "absent.json")))!.Message, Does.Contain("--create-key"));
}
