using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Erasing;

/// <summary>
/// An organisation's admin erases an author of the public over the API (the CLI's <c>--url</c> mode): only what that
/// organisation keeps, recorded in its audit, harmless to repeat. Another organisation quotes the same author.
/// </summary>
[NonParallelizable]
public class When_an_organisation_erases_an_author : IntegrationSpec
{
    private const string Other = "other-org";
    private const string Route = "/api/personal-data/erasures";

    private static async Task<long> KeptRowsAsync(string organisation, string needle)
    {
        await using var count = Database.CreateCommand($"SELECT count(*) FROM {Schema}.mention_keys t WHERE t.organisation_id = $1 AND strpos(t::text, $2) > 0");
        count.Parameters.Add(new Npgsql.NpgsqlParameter { Value = organisation });
        count.Parameters.Add(new Npgsql.NpgsqlParameter { Value = needle });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task PostAsync(HttpClient client, string brand, string postId, string handle, string text)
    {
        var mention = SyntheticMentions.Mention(brand, postId, DateTimeOffset.UtcNow.AddMinutes(-15));
        mention["author"] = new Dictionary<string, object?> { ["handle"] = handle, ["followers"] = 50 };
        mention["text"] = text;
        using var response = await client.PostAsJsonAsync("/api/mentions", new[] { mention });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
    }

    private static Task<long> ErasureEventsAsync(string organisation) =>
        ScalarAsync($"SELECT count(*) FROM {{schema}}.mt_events WHERE type = 'author_erased' AND data->>'organisationId' = '{organisation}'");

    [Test]
    public async Task Only_the_organisations_own_posts_are_emptied_and_its_audit_says_who_which_pseudonym_and_how_many()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        using var other = Host.ClientFor(Other, "olga");
        await RegisterBrandAsync($"ours{suffix}");
        using (var registered = await other.PostAsJsonAsync("/api/brands", new { id = $"theirs{suffix}", name = "Theirs" }))
        {
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        }
        await PostAsync(Host.Http, $"ours{suffix}", "h1", "@Hana_Erase", "HANA1 the flight was late");
        await PostAsync(Host.Http, $"ours{suffix}", "h2", "@hana_erase", "HANA2 and the bag is gone");
        await PostAsync(Host.Http, $"ours{suffix}", "b1", "@bystander", "BYSTANDER3 fine by me");
        await PostAsync(other, $"theirs{suffix}", "h1", "@Hana_Erase", "HANA1 the flight was late");

        // The other organisation erases her first: its own copy only.
        using (var theirs = await other.PostAsJsonAsync(Route, new { platform = "x", handle = "@HANA_ERASE" }))
        {
            Assert.That(theirs.StatusCode, Is.EqualTo(HttpStatusCode.OK), await theirs.Content.ReadAsStringAsync());
        }
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await KeptRowsAsync(Other, "HANA1"), Is.Zero, "their copy is emptied");
            Assert.That(await KeptRowsAsync(TestTokens.Organisation, "HANA"), Is.EqualTo(2), "ours is not theirs to erase");
        });

        // Ours, through the CLI as a client of the API with an admin's token.
        var exit = await RunCliAsync("authors", "erase", "--platform", "twitter", "--handle", "hana_erase",
            "--url", Host.BaseAddress.ToString(), "--token", TestTokens.Issue(name: "petra"));

        Assert.That(exit, Is.EqualTo(0));
        using var audit = JsonDocument.Parse(await Host.Http.GetStringAsync(new Uri("/api/audit", UriKind.Relative)));
        var erasures = audit.RootElement.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "author_erased").ToList();
        var recorded = await ScalarAsync(
            $"SELECT (data->>'postsEmptied')::bigint FROM {{schema}}.mt_events WHERE type = 'author_erased' AND data->>'organisationId' = '{TestTokens.Organisation}'");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await KeptRowsAsync(TestTokens.Organisation, "HANA"), Is.Zero, "her words");
            Assert.That(await KeptRowsAsync(TestTokens.Organisation, "hana_erase"), Is.Zero, "her handle");
            Assert.That(await KeptRowsAsync(TestTokens.Organisation, "BYSTANDER3"), Is.EqualTo(1), "others are untouched");
            Assert.That(erasures, Has.Count.EqualTo(1), "our audit lists our erasure, not theirs");
            Assert.That(erasures[0].GetProperty("actor").GetString(), Is.EqualTo("petra"));
            Assert.That(erasures[0].GetProperty("stream").GetString(), Does.StartWith($"erasure/{TestTokens.Organisation}/x/author-"));
            Assert.That(audit.RootElement.ToString(), Does.Not.Contain("hana").IgnoreCase, "the audit names the pseudonym only");
            Assert.That(recorded, Is.EqualTo(2), "how many posts were emptied");
        });

        // A retry changes nothing and records nothing.
        using var again = await Host.Http.PostAsJsonAsync(Route, new { platform = "x", handle = "hana_erase" });
        var answer = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answer.GetProperty("alreadyErased").GetBoolean(), Is.True);
            Assert.That(answer.GetProperty("postsEmptied").GetInt32(), Is.Zero);
            Assert.That(await ErasureEventsAsync(TestTokens.Organisation), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Bad_input_is_refused_naming_the_field_and_only_an_admin_may_erase()
    {
        using var unknown = await Host.Http.PostAsJsonAsync(Route, new { platform = "myspace", handle = "@" });
        var problem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement;
        using var empty = await Host.Http.PostAsJsonAsync(Route, new { });
        using var responder = Host.ClientFor(TestTokens.Organisation, "rita", "responder");
        using var refused = await responder.PostAsJsonAsync(Route, new { platform = "x", handle = "someone" });
        using var lead = Host.ClientFor(TestTokens.Organisation, "lina", "incident-lead");
        using var leadRefused = await lead.PostAsJsonAsync(Route, new { platform = "x", handle = "someone" });
        var cliAsResponder = await RunCliAsync("authors", "erase", "--platform", "x", "--handle", "someone",
            "--url", Host.BaseAddress.ToString(), "--token", TestTokens.Issue(name: "rita", roles: ["responder"]));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("errors").TryGetProperty("platform", out _), Is.True, problem.ToString());
            Assert.That(problem.GetProperty("errors").TryGetProperty("handle", out _), Is.True, problem.ToString());
            Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), await empty.Content.ReadAsStringAsync());
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(leadRefused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(cliAsResponder, Is.Not.Zero, "the CLI reports the host's refusal");
            Assert.That(await ErasureEventsAsync(TestTokens.Organisation), Is.Zero);
        });
    }
}
