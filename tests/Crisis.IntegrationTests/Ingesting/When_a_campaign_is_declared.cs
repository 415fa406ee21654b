using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Ingesting;

public class When_a_campaign_is_declared : IntegrationSpec
{
    private static async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> DeclareAsync(string brand, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/brands/{brand}/campaigns") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = TestTokens.Bearer(name: "carol");
        using var response = await Host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    [Test]
    public async Task It_is_stored_with_who_declared_it_and_shown_on_the_brand()
    {
        await RegisterBrandAsync("acme");

        var (status, body, _) = await DeclareAsync("acme", new { id = "launch", name = "Launch", from = "2026-12-01T08:00:00Z", to = "2026-12-02T08:00:00Z" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(body.GetProperty("declaredBy").GetString(), Is.EqualTo("carol"));
        var brands = await Host.Http.GetFromJsonAsync<JsonElement>("/api/brands");
        Assert.That(brands.EnumerateArray().Single(b => b.GetProperty("brandId").GetString() == "acme").GetProperty("campaigns").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_window_that_ends_before_it_starts_gets_a_422_problem()
    {
        await RegisterBrandAsync("acme");

        var (status, problem, contentType) = await DeclareAsync("acme", new { id = "oops", name = "Oops", from = "2026-12-02T08:00:00Z", to = "2026-12-01T08:00:00Z" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(contentType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("to > from"));
    }

    [Test]
    public async Task A_missing_field_gets_a_400_problem_naming_it()
    {
        await RegisterBrandAsync("acme");

        var (status, problem, contentType) = await DeclareAsync("acme", new { id = "launch", name = "Launch", from = "2026-12-01T08:00:00Z" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(contentType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetProperty("errors").TryGetProperty("to", out _), Is.True);
    }
}

public class When_the_api_is_described : IntegrationSpec
{
    [Test]
    public async Task The_openapi_document_lists_the_intake_brand_and_buzz_endpoints()
    {
        using var document = JsonDocument.Parse(await Host.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(paths, Is.SupersetOf(new[] { "/api/mentions", "/api/brands", "/api/brands/{brandId}/campaigns", "/api/brands/{brandId}/buzz", "/api/buzz" }));
    }
}
