using System.Net;
using System.Text.Json;
using Crisis.IntegrationTests.Running;
using Crisis.ServiceDefaults.Security.IssuingTokens;

namespace Crisis.IntegrationTests.Securing;

public class When_a_caller_is_not_signed_in : IntegrationSpec
{
    [Test]
    public async Task Every_endpoint_of_the_api_answers_401_with_a_problem()
    {
        var routes = await ApiRoute.ReadAsync(Host);
        Assert.That(routes, Has.Count.GreaterThan(20), "the OpenAPI document lists the API");
        using var anonymous = Host.Anonymous();

        foreach (var route in routes)
        {
            using var request = route.Request(route.PathWith(new Dictionary<string, string>()));
            using var response = await anonymous.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), route.ToString());
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), route.ToString());
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"), route.ToString());
        }
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    [TestCase("/openapi/v1.json")]
    public async Task Probes_and_the_api_description_answer_without_a_token(string path)
    {
        using var anonymous = Host.Anonymous();
        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_dashboards_static_files_load_without_a_token_but_nothing_else_under_it_does()
    {
        using var anonymous = Host.Anonymous();
        using var page = await anonymous.GetAsync(new Uri("/dashboard/index.html", UriKind.Relative));
        using var write = await anonymous.PostAsync(new Uri("/dashboard/index.html", UriKind.Relative), new StringContent("x"));

        // 200 once the dashboard's files are served, 404 before: never 401, since pages hold no data.
        Assert.That(page.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NotFound));
        Assert.That((int)write.StatusCode, Is.GreaterThanOrEqualTo(400));
    }

    [Test]
    public async Task A_head_request_on_a_dashboard_file_answers_as_get_does_without_the_body()
    {
        using var anonymous = Host.Anonymous();
        using var get = await anonymous.GetAsync(new Uri("/dashboard/style.css", UriKind.Relative));
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/dashboard/style.css", UriKind.Relative)));

        Assert.That(head.StatusCode, Is.EqualTo(get.StatusCode));
        Assert.That(head.Content.Headers.ContentType?.MediaType, Is.EqualTo(get.Content.Headers.ContentType?.MediaType));
        Assert.That(head.Content.Headers.ContentLength, Is.EqualTo((await get.Content.ReadAsByteArrayAsync()).Length));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task A_path_no_endpoint_serves_is_closed_too()
    {
        using var anonymous = Host.Anonymous();
        using var response = await anonymous.GetAsync(new Uri("/api/not-yet-written", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}

public class When_a_token_is_not_trusted : IntegrationSpec
{
    private static async Task<(HttpStatusCode Status, JsonElement Problem)> GetIncidentsWithAsync(string token)
    {
        using var client = Host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var response = await client.GetAsync(new Uri("/api/incidents", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Test]
    public async Task A_valid_token_is_let_in()
    {
        var (status, _) = await GetIncidentsWithAsync(TestTokens.Issue(roles: ["viewer"]));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_expired_token_is_refused_with_401_saying_so()
    {
        var expired = TokenIssuer.Issue(TestTokens.Key, new TokenRequest("alice", TestTokens.Organisation, ["admin"], TimeSpan.FromMinutes(1)),
            DateTimeOffset.UtcNow.AddHours(-1));

        var (status, problem) = await GetIncidentsWithAsync(expired);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("expired"));
    }

    [Test]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var forged = TokenIssuer.Issue(SigningKey.Create(TimeProvider.System) with { KeyId = TestTokens.Key.KeyId },
            new TokenRequest("mallory", TestTokens.Organisation, ["admin"], TimeSpan.FromHours(1)), DateTimeOffset.UtcNow);

        var (status, _) = await GetIncidentsWithAsync(forged);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_token_for_another_audience_is_refused()
    {
        var elsewhere = TokenIssuer.Issue(TestTokens.Key, new TokenRequest("alice", TestTokens.Organisation, ["admin"], TimeSpan.FromHours(1)),
            DateTimeOffset.UtcNow, audience: "some-other-api");

        var (status, _) = await GetIncidentsWithAsync(elsewhere);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Garbage_is_refused()
    {
        var (status, _) = await GetIncidentsWithAsync("not.a.token");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
