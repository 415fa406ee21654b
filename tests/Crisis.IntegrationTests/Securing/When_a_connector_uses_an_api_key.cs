using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;
using static Crisis.IntegrationTests.Running.SyntheticMentions;

namespace Crisis.IntegrationTests.Securing;

public class When_a_connector_uses_an_api_key : IntegrationSpec
{
    private static async Task<JsonElement> CreateKeyAsync(HttpClient admin, string name = "forum-connector")
    {
        using var response = await admin.PostAsJsonAsync("/api/keys", new { name });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static HttpClient ClientWithKey(string secret)
    {
        var client = Host.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    private static async Task<HttpStatusCode> PostMentionAsync(HttpClient client, string brand, string postId)
    {
        using var response = await client.PostAsync(new Uri("/api/mentions", UriKind.Relative),
            new StringContent(Ndjson([Mention(brand, postId, DateTimeOffset.UtcNow.AddMinutes(-5))])));
        return response.StatusCode;
    }

    [Test]
    public async Task The_secret_is_shown_once_and_only_its_hash_is_stored()
    {
        var key = await CreateKeyAsync(Host.Http);
        var secret = key.GetProperty("secret").GetString()!;

        var listed = await Host.Http.GetStringAsync(new Uri("/api/keys", UriKind.Relative));
        var stored = await ScalarTextAsync($"SELECT string_agg(data::text, '') FROM {Schema}.mt_events WHERE type = 'api_key_created'");
        Assert.Multiple(() =>
        {
            Assert.That(secret, Does.StartWith("crisis_"));
            Assert.That(listed, Does.Contain(key.GetProperty("id").GetString()).And.Not.Contain(secret));
            Assert.That(stored, Does.Not.Contain(secret).And.Contain(Crisis.ServiceDefaults.Security.ApiKeys.ApiKeySecret.Hash(secret)));
        });
    }

    [Test]
    public async Task It_posts_mentions_and_nothing_else()
    {
        await RegisterBrandAsync("acme");
        var key = await CreateKeyAsync(Host.Http);
        using var connector = ClientWithKey(key.GetProperty("secret").GetString()!);

        Assert.That(await PostMentionAsync(connector, "acme", "k1"), Is.EqualTo(HttpStatusCode.Accepted));
        foreach (var route in (await ApiRoute.ReadAsync(Host)).Where(r => r.Template != "/api/mentions"))
        {
            using var request = route.Request(route.PathWith(new Dictionary<string, string>()));
            using var response = await connector.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), route.ToString());
        }
    }

    [Test]
    public async Task It_posts_only_for_its_own_organisations_brands()
    {
        using var other = Host.ClientFor("other-org", "olga");
        using (var registered = await other.PostAsJsonAsync("/api/brands", new { id = "theirbrand", name = "Theirs" }))
            Assert.That(registered.IsSuccessStatusCode, Is.True);
        var key = await CreateKeyAsync(Host.Http);
        using var connector = ClientWithKey(key.GetProperty("secret").GetString()!);

        Assert.That(await PostMentionAsync(connector, "theirbrand", "x1"), Is.EqualTo(HttpStatusCode.UnprocessableEntity), "the only item is rejected");
    }

    [Test]
    public async Task A_revoked_key_is_refused_at_once_and_another_key_keeps_working()
    {
        await RegisterBrandAsync("acme");
        var revoked = await CreateKeyAsync(Host.Http, "old-connector");
        var kept = await CreateKeyAsync(Host.Http, "new-connector");
        using var oldConnector = ClientWithKey(revoked.GetProperty("secret").GetString()!);
        using var newConnector = ClientWithKey(kept.GetProperty("secret").GetString()!);

        using (var response = await Host.Http.DeleteAsync(new Uri($"/api/keys/{revoked.GetProperty("id").GetString()}", UriKind.Relative)))
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(await PostMentionAsync(oldConnector, "acme", "r1"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await PostMentionAsync(newConnector, "acme", "r2"), Is.EqualTo(HttpStatusCode.Accepted));
        var listed = await Host.Http.GetFromJsonAsync<JsonElement>("/api/keys");
        Assert.That(listed.EnumerateArray().Single(k => k.GetProperty("id").GetString() == revoked.GetProperty("id").GetString())
            .GetProperty("revokedBy").GetString(), Is.EqualTo(TestTokens.DefaultName));
    }

    [Test]
    public async Task A_wrong_secret_for_a_real_key_id_is_refused()
    {
        var key = await CreateKeyAsync(Host.Http);
        var secret = key.GetProperty("secret").GetString()!;
        using var forger = ClientWithKey(secret[..^4] + (secret.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));

        Assert.That(await PostMentionAsync(forger, "acme", "f1"), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Another_organisations_admin_neither_sees_nor_revokes_the_key()
    {
        var key = await CreateKeyAsync(Host.Http);
        using var other = Host.ClientFor("other-org", "olga");

        var theirList = await other.GetStringAsync(new Uri("/api/keys", UriKind.Relative));
        using var revoke = await other.DeleteAsync(new Uri($"/api/keys/{key.GetProperty("id").GetString()}", UriKind.Relative));

        Assert.That(theirList, Does.Not.Contain(key.GetProperty("id").GetString()));
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Only_admins_manage_keys()
    {
        using var lead = Host.ClientFor(TestTokens.Organisation, "lina", "incident-lead");
        using var response = await lead.PostAsJsonAsync("/api/keys", new { name = "sneaky" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_key_for_another_scope_is_refused_naming_the_field()
    {
        using var response = await Host.Http.PostAsJsonAsync("/api/keys", new { name = "x", scope = "admin" });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(problem.GetProperty("errors").TryGetProperty("scope", out _), Is.True);
    }

    private static async Task<string> ScalarTextAsync(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        return (await command.ExecuteScalarAsync()) as string ?? "";
    }
}
