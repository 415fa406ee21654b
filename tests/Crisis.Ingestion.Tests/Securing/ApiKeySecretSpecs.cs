using Crisis.ServiceDefaults.Security.ApiKeys;

namespace Crisis.Ingestion.Tests.Securing;

public class An_api_key_secret
{
    [Test]
    public void Names_its_key_and_matches_only_its_own_hash()
    {
        var id = ApiKeySecret.NewKeyId();
        var secret = ApiKeySecret.Generate(id);
        var other = ApiKeySecret.Generate(id);

        Assert.Multiple(() =>
        {
            Assert.That(ApiKeySecret.KeyIdOf(secret), Is.EqualTo(id));
            Assert.That(ApiKeySecret.Matches(secret, ApiKeySecret.Hash(secret)), Is.True);
            Assert.That(ApiKeySecret.Matches(other, ApiKeySecret.Hash(secret)), Is.False, "same key id, other random part");
            Assert.That(ApiKeySecret.Matches(secret + "x", ApiKeySecret.Hash(secret)), Is.False);
            Assert.That(ApiKeySecret.Hash(secret), Does.Not.Contain(secret[^20..]), "the stored hash does not hold the secret");
        });
    }

    [Test]
    public void Holds_256_random_bits()
    {
        var secret = ApiKeySecret.Generate("kabc");
        var random = secret[("crisis_kabc_".Length)..];
        Assert.That(Convert.FromBase64String(random.Replace('-', '+').Replace('_', '/') + "="), Has.Length.EqualTo(32));
        Assert.That(ApiKeySecret.Generate("kabc"), Is.Not.EqualTo(secret));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Bearer abc")]
    [TestCase("crisis_")]
    [TestCase("crisis_kabc_short")]
    [TestCase("crisis__AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void That_is_malformed_names_no_key(string? presented) => Assert.That(ApiKeySecret.KeyIdOf(presented), Is.Null);

    [Test]
    public void A_corrupt_stored_hash_matches_nothing() => Assert.That(ApiKeySecret.Matches("crisis_k1_x", "not-hex"), Is.False);
}

public class Revoking_an_api_key
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void Records_who_revoked_it_once_and_a_second_revocation_adds_nothing()
    {
        var created = ApiKeyDecider.Decide(new CreateApiKey("k1", "acme-corp", "forum", "ingest", "hash", "ada", Now), new ApiKeyState.None());
        var state = created.Aggregate((ApiKeyState)new ApiKeyState.None(), ApiKeyDecider.Evolve);

        var revoked = ApiKeyDecider.Decide(new RevokeApiKey("k1", "ada", Now.AddHours(1)), state);
        var again = ApiKeyDecider.Decide(new RevokeApiKey("k1", "ada", Now.AddHours(2)), revoked.Aggregate(state, ApiKeyDecider.Evolve));

        Assert.That(revoked, Is.EqualTo(new[] { new ApiKeyRevoked("k1", "ada", Now.AddHours(1)) }));
        Assert.That(again, Is.Empty);
    }
}
